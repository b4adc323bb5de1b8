package org.dataembassy.failover.agreement;

import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dataembassy.failover.ControlCommand.Promote;
import org.dataembassy.failover.PromotionKind;
import org.dataembassy.runtime.crypto.SiteSignatures;

/**
 * The rule every site applies to a promotion before its state machine takes it: no single site —
 * not the Raft leader, not the site to be promoted — can make a site active. A failover or a
 * switchover needs the signed votes of a majority of the federation's sites, each for exactly this
 * change and each signed by the voter's own key; a resume (the active site opening a new epoch for
 * itself) the active site's own. And no vote may hold journal entries the new epoch would drop:
 * the candidate holds everything before {@code startSequence}, no voter holds more. Deterministic:
 * every site decides alike from the command, its state and the sites' certificates.
 *
 * <p>Forced promotions ({@link PromotionKind#FORCED}) are the operator's override when the majority
 * is lost for good: they carry no votes but an operator's signed order ({@link OperatorOrder}), and
 * are taken in a generation of the control plane the forcing site starts alone (see
 * ForcedPromotionService).
 */
public final class PromotionAgreement {

  private final List<String> sites;
  private final SiteSignatures signatures;
  private final X509Certificate stateCa;

  /** @param stateCa the state root, which certifies the operators who order forced promotions */
  public PromotionAgreement(List<String> sites, SiteSignatures signatures, X509Certificate stateCa) {
    this.sites = List.copyOf(sites);
    this.signatures = signatures;
    this.stateCa = stateCa;
  }

  /** How many sites make a majority of the federation. */
  public int majority() {
    return majorityOf(sites.size());
  }

  /** How many of {@code sites} sites make a majority. */
  public static int majorityOf(int sites) {
    return sites / 2 + 1;
  }

  /**
   * Why {@code promote}, leaving an epoch whose active site is {@code active}, lacks the sites'
   * agreement; empty if it has it.
   */
  public Optional<String> refusal(Promote promote, String active) {
    PromotionKind kind = promote.kind() == null ? PromotionKind.FAILOVER : promote.kind();
    if (kind == PromotionKind.FORCED) {
      OperatorOrder order = promote.order();
      return order == null
          ? Optional.of("a forced promotion needs an operator's signed order")
          : order.refusal(promote.site(), order.generation(), stateCa);
    }
    List<PromotionVote> votes = promote.votes() == null ? List.of() : promote.votes();
    VoteRequest proposal = new VoteRequest(kind, promote.fromEpoch(), promote.site(), promote.startSequence());
    Set<String> voters = new HashSet<>();
    PromotionVote candidate = null;
    boolean activeVoted = false;
    for (PromotionVote vote : votes) {
      if (vote == null || !sites.contains(vote.voter())) {
        return Optional.of("a vote from no site of the federation");
      }
      if (!voters.add(vote.voter())) {
        return Optional.of("two votes from " + vote.voter());
      }
      if (!vote.isFor(proposal, active)) {
        return Optional.of(vote.voter() + "'s vote is for another change");
      }
      if (!signatures.signedBy(vote.voter(), vote.statement(), vote.signature())) {
        return Optional.of(vote.voter() + "'s vote is not signed by " + vote.voter());
      }
      if (kind != PromotionKind.RESUME && vote.storedSequence() >= promote.startSequence()) {
        return Optional.of(
            vote.voter() + " holds the journal to " + vote.storedSequence() + ", past the new epoch's start "
                + promote.startSequence());
      }
      if (vote.voter().equals(promote.site())) {
        candidate = vote;
      }
      activeVoted |= vote.voter().equals(active);
    }
    return switch (kind) {
      case RESUME -> promote.site().equals(active) && activeVoted
          ? Optional.empty()
          : Optional.of("a resume needs the active site's own vote");
      case FAILOVER, SWITCHOVER -> {
        if (voters.size() < majority()) {
          yield Optional.of(voters.size() + " of " + sites.size() + " sites agreed " + voters + ", " + majority() + " needed");
        }
        if (candidate == null || candidate.storedSequence() != promote.startSequence() - 1) {
          yield Optional.of("the candidate " + promote.site() + " did not vote that it holds the journal to " + (promote.startSequence() - 1));
        }
        if (kind == PromotionKind.FAILOVER && activeVoted) {
          yield Optional.of("the active site " + active + " voted for its own failover");
        }
        if (kind == PromotionKind.SWITCHOVER && !activeVoted) {
          yield Optional.of("a switchover needs the active site " + active + "'s vote");
        }
        yield Optional.empty();
      }
      case FORCED -> Optional.empty();
    };
  }
}
