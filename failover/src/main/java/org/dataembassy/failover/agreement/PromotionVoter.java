package org.dataembassy.failover.agreement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.dataembassy.failover.ControlPlaneState;
import org.dataembassy.failover.PromotionKind;
import org.dataembassy.failover.config.ControlPlaneConfig;
import org.dataembassy.failover.raft.RaftGroup;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.crypto.SiteSigner;
import org.dataembassy.runtime.journal.JournalApplier;

/**
 * This site's vote on a proposed change of active site: signed only if the change agrees with what
 * this site sees itself — the same epoch and active site; for a failover, no lease renewal of the
 * active site for at least a lease; and, in every case, no journal entry held here that the new
 * epoch would drop (the candidate must hold everything before the new epoch's start). A site never
 * votes for its own failover while it is the active site, and gives the votes that only the
 * active site gives (its switchover, its resume) only to itself.
 */
@ApplicationScoped
public class PromotionVoter {

  @Inject RaftGroup group;
  @Inject SiteConfig site;
  @Inject FederationConfig federation;
  @Inject ControlPlaneConfig config;
  @Inject JournalApplier applier;
  @Inject SiteSigner signer;

  /** A signed vote, or why this site refused it. */
  public record Ballot(PromotionVote vote, String refusal) {
    static Ballot refused(String why) {
      return new Ballot(null, why);
    }
  }

  /** A vote asked for by another site (over HTTPS). */
  public Ballot voteFor(VoteRequest request) {
    if (request.kind() != PromotionKind.FAILOVER && request.kind() != PromotionKind.SWITCHOVER) {
      return Ballot.refused("only failovers and switchovers are put to the vote");
    }
    ControlPlaneState state = group.stateMachine().state();
    if (request.kind() == PromotionKind.SWITCHOVER && site.id().equals(state.activeSite())) {
      return Ballot.refused("the active site agrees to its own switchover only when it runs it");
    }
    return ballot(request, state);
  }

  /** This site's own vote, for a change it runs itself (as active site: a switchover or a resume). */
  public Ballot ownVote(VoteRequest request) {
    return ballot(request, group.stateMachine().state());
  }

  private Ballot ballot(VoteRequest request, ControlPlaneState state) {
    if (request.kind() == null || request.candidate() == null || federation.site(request.candidate()).isEmpty()) {
      return Ballot.refused("no such site: " + request.candidate());
    }
    if (request.fromEpoch() != state.epoch()) {
      return Ballot.refused("this site is in epoch " + state.epoch() + ", not " + request.fromEpoch());
    }
    String active = state.activeSite();
    long stored = applier.storedSequence();
    long silentMs = 0;
    switch (request.kind()) {
      case FAILOVER -> {
        if (site.id().equals(active)) {
          return Ballot.refused("this site is the active site");
        }
        if (request.candidate().equals(active)) {
          return Ballot.refused(active + " is already active");
        }
        silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - group.stateMachine().lastRenewalNanos());
        if (silentMs < config.leaseMs()) {
          return Ballot.refused("the active site " + active + " renewed its lease " + silentMs + " ms ago");
        }
      }
      case SWITCHOVER -> {
        if (request.candidate().equals(active)) {
          return Ballot.refused(active + " is already active");
        }
      }
      case RESUME -> {
        if (!site.id().equals(active) || !request.candidate().equals(active)) {
          return Ballot.refused("only the active site resumes, itself");
        }
      }
      default -> {
        return Ballot.refused("forced promotions are not put to the vote");
      }
    }
    if (request.kind() != PromotionKind.RESUME) {
      long last = request.startSequence() - 1;
      if (site.id().equals(request.candidate()) && stored != last) {
        return Ballot.refused("this site holds the journal to " + stored + ", not " + last);
      }
      if (stored > last) {
        return Ballot.refused("this site holds the journal to " + stored + ": the new epoch would drop entries past " + last);
      }
    }
    PromotionVote unsigned =
        new PromotionVote(
            request.kind(), site.id(), request.fromEpoch(), active, request.candidate(), request.startSequence(),
            silentMs, stored, System.currentTimeMillis(), null);
    return new Ballot(unsigned.withSignature(signer.sign(unsigned.statement())), null);
  }
}
