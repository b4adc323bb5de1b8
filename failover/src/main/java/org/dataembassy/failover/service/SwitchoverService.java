package org.dataembassy.failover.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.dataembassy.failover.ControlCommand;
import org.dataembassy.failover.ControlPlaneState;
import org.dataembassy.failover.FailoverProblem;
import org.dataembassy.failover.PromotionKind;
import org.dataembassy.failover.agreement.PromotionAgreement;
import org.dataembassy.failover.agreement.PromotionVoter;
import org.dataembassy.failover.agreement.VoteCollector;
import org.dataembassy.failover.agreement.VoteRequest;
import org.dataembassy.failover.config.ControlPlaneConfig;
import org.dataembassy.failover.raft.RaftGroup;
import org.dataembassy.runtime.LocalSite;
import org.dataembassy.runtime.client.PeerSiteClient;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.forwarding.WriteGate;
import org.dataembassy.runtime.journal.JournalApplier;
import org.dataembassy.runtime.journal.JournalWriter;
import org.dataembassy.runtime.rest.ProblemException;
import org.jboss.logging.Logger;

/**
 * Planned switchover, run at the active site: hold new writes at the gate, let those in progress
 * finish, confirm the target holds the last sequence, gather the sites' signed agreement (this
 * site's, the target's and enough others' for a majority), commit the change of active site
 * through Raft, release the gate (the held writes are then forwarded to the new active site).
 */
@ApplicationScoped
public class SwitchoverService {

  private static final Logger LOG = Logger.getLogger(SwitchoverService.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(5);

  @Inject RaftGroup group;
  @Inject LocalSite site;
  @Inject FederationConfig federation;
  @Inject ControlPlaneConfig config;
  @Inject WriteGate gate;
  @Inject JournalApplier applier;
  @Inject JournalWriter writer;
  @Inject PeerSiteClient peers;
  @Inject VoteCollector collector;
  @Inject PromotionVoter voter;

  private final ReentrantLock inProgress = new ReentrantLock();

  /** What a switchover did. */
  public record Outcome(String from, String to, long epoch, long sequence, long writePauseMs) {}

  public Outcome switchTo(String target, String operator) {
    if (federation.site(target).isEmpty()) {
      throw new ProblemException(
          FailoverProblem.UNKNOWN_SITE,
          "Unknown site '" + target + "'; the sites are " + federation.siteIds() + ".");
    }
    ControlPlaneState state = group.stateMachine().state();
    if (target.equals(state.activeSite())) {
      throw new ProblemException(FailoverProblem.ALREADY_ACTIVE, target + " is already the active site.");
    }
    if (!site.id().equals(state.activeSite()) || !site.isActive()) {
      throw new ProblemException(
          FailoverProblem.NOT_THE_ACTIVE_SITE,
          "Site " + site.id() + " is not the active site; the active site is " + state.activeSite() + ".");
    }
    if (!group.members().contains(target)) {
      throw new ProblemException(FailoverProblem.SITE_DOWN, "Site " + target + " is down or not connected.");
    }
    if (!inProgress.tryLock()) {
      throw new ProblemException(FailoverProblem.SWITCHOVER_IN_PROGRESS, "A switchover is already in progress.");
    }
    long start = System.nanoTime();
    try {
      if (!gate.holdAndDrain(DRAIN_TIMEOUT)) {
        throw new ProblemException(
            FailoverProblem.NOT_COMMITTED, "Writes in progress did not finish; nothing changed.");
      }
      writer.quiesce(); // nor may a checkpoint follow the last sequence read here
      long last = applier.appliedSequence();
      long held = awaitTarget(target, last);
      if (held < last) {
        throw new ProblemException(
            FailoverProblem.TARGET_BEHIND,
            "Site " + target + " holds the journal up to " + held + ", " + (last - held)
                + " entries behind " + last + " after " + CATCH_UP_TIMEOUT.toSeconds() + " s; nothing changed.");
      }
      VoteRequest proposal = new VoteRequest(PromotionKind.SWITCHOVER, state.epoch(), target, last + 1);
      VoteCollector.Votes votes =
          collector.collect(proposal, voter.ownVote(proposal), group.members(), Duration.ofMillis(config.leaseMs()));
      int majority = PromotionAgreement.majorityOf(federation.siteIds().size());
      if (votes.votes().size() < majority) {
        throw new ProblemException(
            FailoverProblem.NO_AGREEMENT,
            votes.votes().size() + " of " + federation.siteIds().size() + " sites agreed, " + majority
                + " needed: " + votes.missing() + "; nothing changed.");
      }
      boolean committed;
      try {
        committed =
            group.commit(
                new ControlCommand.Promote(
                    target,
                    state.epoch(),
                    last + 1,
                    PromotionKind.SWITCHOVER,
                    "planned switchover by " + operator,
                    site.id(),
                    System.currentTimeMillis(),
                    votes.votes()),
                config.leaseMs());
      } catch (Exception e) {
        committed = false;
      }
      if (!committed) {
        throw new ProblemException(
            FailoverProblem.NOT_COMMITTED, "The control plane did not commit the switchover; nothing changed.");
      }
      // The commit returns once a majority holds it; this site may apply it a little later. Until
      // it has, it still believes itself active: keep the gate shut so no write slips in.
      awaitLocalEpoch(state.epoch() + 1);
      long pauseMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
      LOG.warnf(
          "EMB-FO-030 planned switchover %s -> %s committed: epoch %d from sequence %d, writes held %d ms (by %s)",
          site.id(), target, state.epoch() + 1, last + 1, pauseMs, operator);
      return new Outcome(site.id(), target, state.epoch() + 1, last, pauseMs);
    } finally {
      writer.resume();
      gate.release();
      inProgress.unlock();
    }
  }

  private void awaitLocalEpoch(long epoch) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (group.stateMachine().state().epoch() < epoch && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
    }
  }

  private long awaitTarget(String target, long sequence) {
    long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
    long held = -1;
    while (System.nanoTime() - deadline < 0) {
      try {
        held = peers.selfStatus(target).path("storedSequence").asLong(-1);
      } catch (Exception e) {
        held = -1;
      }
      if (held >= sequence) {
        return held;
      }
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
    return held;
  }
}
