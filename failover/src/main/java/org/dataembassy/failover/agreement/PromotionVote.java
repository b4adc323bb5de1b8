package org.dataembassy.failover.agreement;

import java.nio.charset.StandardCharsets;
import org.dataembassy.failover.PromotionKind;

/**
 * One site's signed agreement to a change of active site, stating its own view: the epoch it is in
 * and which site is active there, how long that site has been silent to it (a failover), and how
 * much of the journal it holds itself. Signed with the voter's own key in its token (the key that
 * signs its journal entries, domain-separated by {@link #statement()}), so no site can vote for
 * another.
 *
 * @param kind FAILOVER (the active site is silent), SWITCHOVER (it hands over), RESUME (it opens a
 *     new epoch for itself)
 * @param voter the site that signs
 * @param fromEpoch the epoch the change leaves
 * @param activeSite the site active in {@code fromEpoch}, as the voter sees it
 * @param candidate the site to make active in {@code fromEpoch + 1}
 * @param startSequence the new epoch's first journal sequence
 * @param activeSilentMs how long the voter has seen no lease renewal of {@code activeSite} (0 when
 *     not a failover)
 * @param storedSequence the last journal sequence the voter holds
 * @param atMillis the voter's wall clock when it signed (recorded, not trusted)
 * @param signature ECDSA P-256 over {@link #statement()}, base64
 */
public record PromotionVote(
    PromotionKind kind,
    String voter,
    long fromEpoch,
    String activeSite,
    String candidate,
    long startSequence,
    long activeSilentMs,
    long storedSequence,
    long atMillis,
    String signature) {

  /** What the voter signs: every field but the signature, under a label of its own. */
  public byte[] statement() {
    return String.join(
            "|",
            "embassy-promotion-vote",
            "v1",
            String.valueOf(kind),
            voter,
            Long.toString(fromEpoch),
            activeSite,
            candidate,
            Long.toString(startSequence),
            Long.toString(activeSilentMs),
            Long.toString(storedSequence),
            Long.toString(atMillis))
        .getBytes(StandardCharsets.UTF_8);
  }

  public PromotionVote withSignature(String signature) {
    return new PromotionVote(
        kind, voter, fromEpoch, activeSite, candidate, startSequence, activeSilentMs, storedSequence, atMillis, signature);
  }

  /** Whether this vote is for the change {@code proposal} describes (everything but the voter's own view). */
  public boolean isFor(VoteRequest proposal, String active) {
    return kind == proposal.kind()
        && fromEpoch == proposal.fromEpoch()
        && candidate != null
        && candidate.equals(proposal.candidate())
        && startSequence == proposal.startSequence()
        && activeSite != null
        && activeSite.equals(active);
  }
}
