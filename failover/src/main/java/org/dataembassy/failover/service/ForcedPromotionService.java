package org.dataembassy.failover.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.dataembassy.failover.ControlCommand;
import org.dataembassy.failover.ControlPlaneState;
import org.dataembassy.failover.FailoverProblem;
import org.dataembassy.failover.PromotionKind;
import org.dataembassy.failover.agreement.OperatorOrder;
import org.dataembassy.failover.raft.RaftGroup;
import org.dataembassy.failover.raft.RaftMembership;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.crypto.StateRoot;
import org.dataembassy.runtime.journal.JournalApplier;
import org.dataembassy.runtime.rest.ProblemException;
import org.jboss.logging.Logger;

/**
 * The operator's override when the majority of the control plane is lost for good ({@code
 * ./embassy promote SITE --force}, sent to SITE itself, with the operator's order signed by the key
 * of their certificate for exactly this site and the next generation): this site leaves its Raft group, starts
 * the next <em>generation</em> of it alone (a cluster name of its own, over its own Raft log, so it
 * keeps the replicated state and history), and commits its own promotion — kind FORCED, with the
 * operator and reason in the replicated history. Refused while a majority is connected (that is
 * what a switchover is for). Lost sites come back only by rejoining the new generation with a
 * fresh Raft log ({@link GenerationGuard}); writes need an embassy again before they are
 * acknowledged ({@code min-sync-embassies} is not lowered).
 *
 * <p>It is an override: if the lost sites are in fact alive together, they still form the old
 * generation's majority and may promote one of them. The operator must make sure they are down
 * and stay down (fenced) until they rejoin; a site that sees a newer generation leaves its old
 * group on its own ({@link GenerationGuard}).
 */
@ApplicationScoped
public class ForcedPromotionService {

  private static final Logger LOG = Logger.getLogger(ForcedPromotionService.class);
  private static final long LEAD_TIMEOUT_MS = 10_000;

  @Inject RaftGroup group;
  @Inject SiteConfig site;
  @Inject JournalApplier applier;
  @Inject LeaseKeeper lease;
  @Inject StateRoot stateRoot;

  private final ReentrantLock inProgress = new ReentrantLock();

  /** What a forced promotion did. */
  public record Outcome(String site, long epoch, long startSequence, int generation, List<String> members, List<String> lost) {}

  /** How far an operator's order may be from this site's clock when it arrives. */
  static final long ORDER_FRESHNESS_MS = 10 * 60_000;

  public Outcome force(String operator, String reason, OperatorOrder order) {
    RaftMembership current = group.membership();
    if (order == null) {
      throw new ProblemException(FailoverProblem.ORDER_REFUSED, "A forced promotion takes the operator's signed order (./embassy promote signs it).");
    }
    Optional<String> refused = order.refusal(site.id(), current.generation() + 1, stateRoot.certificate());
    if (refused.isEmpty() && Math.abs(System.currentTimeMillis() - order.atMillis()) > ORDER_FRESHNESS_MS) {
      refused = Optional.of("the order was signed " + (System.currentTimeMillis() - order.atMillis()) / 1000 + " s from now");
    }
    if (refused.isPresent()) {
      throw new ProblemException(FailoverProblem.ORDER_REFUSED, refused.get() + "; nothing changed.");
    }
    ControlPlaneState before = group.stateMachine().state();
    if (site.id().equals(before.activeSite()) && lease.valid()) {
      throw new ProblemException(
          FailoverProblem.ALREADY_ACTIVE,
          site.id() + " is already the active site (epoch " + before.epoch() + ", control-plane generation "
              + current.generation() + "); nothing changed.");
    }
    List<String> connected = group.members();
    if (connected.size() >= current.majority()) {
      throw new ProblemException(
          FailoverProblem.MAJORITY_AVAILABLE,
          connected.size() + " of " + current.members().size() + " sites are connected " + connected
              + ": nothing changed; use ./embassy switchover --to " + site.id() + ".");
    }
    if (applier.haltReason().isPresent()) {
      throw new ProblemException(FailoverProblem.APPLIER_HALTED, applier.haltReason().get());
    }
    if (!inProgress.tryLock()) {
      throw new ProblemException(FailoverProblem.SWITCHOVER_IN_PROGRESS, "A forced promotion is already in progress.");
    }
    try {
      List<String> lost = current.members().stream().filter(m -> !m.equals(site.id())).toList();
      RaftMembership next = current.forcedTo(List.of(site.id()));
      LOG.warnf(
          "EMB-FO-040 FORCED PROMOTION of site %s requested by %s (%s): leaving control-plane generation %d %s"
              + " for generation %d with this site alone; sites %s must rejoin",
          site.id(), operator, reason, current.generation(), current.members(), next.generation(), lost);
      boolean leads;
      try {
        leads = group.restartAs(next, LEAD_TIMEOUT_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        leads = false;
      }
      if (!leads) {
        throw new ProblemException(
            FailoverProblem.NOT_COMMITTED,
            "Site " + site.id() + " did not become leader of generation " + next.generation()
                + " within " + LEAD_TIMEOUT_MS + " ms; it stays in that generation, fenced. Retry.");
      }
      // Up to three attempts: this site's own writer may open a new epoch in the new generation
      // first (after a write it could not acknowledge, EMB-JN-041); the forced promotion then
      // follows from that epoch rather than fail.
      ControlPlaneState state = group.stateMachine().state();
      long startSequence = applier.storedSequence() + 1;
      boolean committed = false;
      for (int attempt = 0; attempt < 3 && !committed; attempt++) {
        state = group.stateMachine().state();
        startSequence = applier.storedSequence() + 1;
        try {
          committed =
              group.commit(
                  new ControlCommand.Promote(
                      site.id(),
                      state.epoch(),
                      startSequence,
                      PromotionKind.FORCED,
                      "forced by " + operator + ": " + reason + " (majority lost; generation "
                          + next.generation() + ", lost " + lost + ")",
                      operator,
                      System.currentTimeMillis(),
                      List.of(),
                      order),
                  5_000);
        } catch (Exception e) {
          committed = false;
        }
      }
      if (committed) {
        try {
          group.pinMembership();
        } catch (Exception e) {
          committed = false;
        }
      }
      if (!committed) {
        throw new ProblemException(
            FailoverProblem.NOT_COMMITTED, "The forced promotion was not committed in generation " + next.generation() + "; retry.");
      }
      LOG.warnf(
          "EMB-FO-041 site %s is ACTIVE by forced promotion: epoch %d from journal sequence %d, control-plane"
              + " generation %d (by %s)",
          site.id(), state.epoch() + 1, startSequence, next.generation(), operator);
      return new Outcome(site.id(), state.epoch() + 1, startSequence, next.generation(), next.members(), lost);
    } finally {
      inProgress.unlock();
    }
  }
}
