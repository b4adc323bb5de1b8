package org.dataembassy.failover.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.dataembassy.failover.ControlCommand;
import org.dataembassy.failover.ControlPlaneState;
import org.dataembassy.failover.PromotionKind;
import org.dataembassy.failover.agreement.PromotionAgreement;
import org.dataembassy.failover.agreement.PromotionVoter;
import org.dataembassy.failover.agreement.VoteCollector;
import org.dataembassy.failover.agreement.VoteRequest;
import org.dataembassy.failover.config.ControlPlaneConfig;
import org.dataembassy.failover.raft.RaftGroup;
import org.dataembassy.runtime.client.PeerSiteClient;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.journal.JournalApplier;
import org.jboss.logging.Logger;

/**
 * The unplanned-failover decision, taken by the Raft leader (so by a majority): when the active
 * site's lease has not been renewed for {@code lease-ms + promotion-margin-ms}, promote the most
 * caught-up standby still connected (ties by priority) into the next epoch — with the signed votes
 * of a majority of the sites, each agreeing from its own view ({@link PromotionVoter}); every site
 * checks them again when it applies the promotion.
 */
@ApplicationScoped
public class FailoverCoordinator {

  private static final Logger LOG = Logger.getLogger(FailoverCoordinator.class);

  @Inject RaftGroup group;
  @Inject ControlPlaneConfig config;
  @Inject FederationConfig federation;
  @Inject SiteConfig site;
  @Inject JournalApplier applier;
  @Inject PeerSiteClient peers;
  @Inject VoteCollector collector;
  @Inject PromotionVoter voter;

  private static final long COLD_START_GRACE_MS = 15_000;

  private volatile long lastNoCandidateLog;

  /** A standby that could take over, and how much of the journal it holds. */
  record Candidate(String site, long storedSequence) {}

  void check() {
    if (!group.isLeader()) {
      return;
    }
    ControlPlaneState state = group.stateMachine().state();
    long silentMs =
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - group.stateMachine().lastRenewalNanos());
    long allowedMs = config.leaseMs() + config.promotionMarginMs();
    if (!group.stateMachine().renewedSinceStart()) {
      allowedMs = Math.max(allowedMs, COLD_START_GRACE_MS); // the first active site may still be starting
    }
    if (silentMs <= allowedMs) {
      return;
    }
    List<String> connected = group.members();
    Candidate best = null;
    StringJoiner considered = new StringJoiner(", ");
    for (String candidate : federation.siteIds()) { // priority order
      if (candidate.equals(state.activeSite())) {
        continue;
      }
      if (!connected.contains(candidate)) {
        considered.add(candidate + ": not in the control plane's view");
        continue;
      }
      Standing standing = standing(candidate, state.epoch());
      considered.add(candidate + ": " + standing.describe());
      long stored = standing.storedSequence();
      if (stored >= 0 && (best == null || stored > best.storedSequence())) {
        best = new Candidate(candidate, stored);
      }
    }
    if (best == null) {
      if (System.currentTimeMillis() - lastNoCandidateLog > 10_000) {
        lastNoCandidateLog = System.currentTimeMillis();
        LOG.errorf(
            "EMB-FO-003 active site %s silent for %d ms and no standby can be promoted (%s)",
            state.activeSite(), silentMs, considered);
      }
      return;
    }
    String reason = "lease of " + state.activeSite() + " expired (silent for " + silentMs + " ms)";
    VoteRequest proposal =
        new VoteRequest(PromotionKind.FAILOVER, state.epoch(), best.site(), best.storedSequence() + 1);
    List<String> voters = connected.stream().filter(s -> !s.equals(state.activeSite())).toList();
    VoteCollector.Votes votes =
        collector.collect(proposal, voter.ownVote(proposal), voters, Duration.ofMillis(config.leaseMs()));
    int majority = PromotionAgreement.majorityOf(federation.siteIds().size());
    if (votes.votes().size() < majority) {
      LOG.warnf(
          "EMB-FO-006 promoting %s: %d of %d sites agreed, %d needed (%s)",
          best.site(), votes.votes().size(), federation.siteIds().size(), majority, votes.missing());
      return;
    }
    try {
      boolean promoted =
          group.commit(
              new ControlCommand.Promote(
                  best.site(),
                  state.epoch(),
                  best.storedSequence() + 1,
                  PromotionKind.FAILOVER,
                  reason,
                  site.id(),
                  System.currentTimeMillis(),
                  votes.votes()),
              config.leaseMs());
      if (promoted) {
        LOG.warnf(
            "EMB-FO-001 site %s promoted to ACTIVE in epoch %d at journal sequence %d: %s (standbys: %s; agreed: %s)",
            best.site(), state.epoch() + 1, best.storedSequence(), reason, considered,
            votes.votes().stream().map(v -> v.voter()).toList());
      }
    } catch (Exception e) {
      LOG.warnf("EMB-FO-004 promoting %s could not be committed: %s", best.site(), e.toString());
    }
  }

  /** How much of the journal a standby holds (-1: it cannot take over now), and why not. */
  record Standing(long storedSequence, String whyNot) {
    String describe() {
      return storedSequence >= 0 ? "holds " + storedSequence : whyNot;
    }
  }

  /**
   * How much of the journal a candidate holds, or why it cannot take over now: not answering, or
   * its view of the control plane is behind (it would not know it had been promoted).
   */
  private Standing standing(String candidate, long epoch) {
    if (candidate.equals(site.id())) {
      return new Standing(applier.storedSequence(), null);
    }
    try {
      JsonNode status = peers.selfStatus(candidate);
      long theirs = status.path("epoch").asLong(-1);
      if (theirs != epoch) {
        return new Standing(-1, "sees epoch " + theirs + ", not " + epoch);
      }
      return new Standing(status.path("storedSequence").asLong(-1), "no stored sequence");
    } catch (Exception e) {
      return new Standing(-1, "not answering (" + e.getClass().getSimpleName() + ")");
    }
  }
}
