package org.dataembassy.failover.agreement;

import org.dataembassy.failover.PromotionKind;

/**
 * A proposed change of active site, sent to every site for its vote ({@code POST
 * /sites/self/promotion-votes}): make {@code candidate} active in {@code fromEpoch + 1} from journal
 * sequence {@code startSequence}.
 */
public record VoteRequest(PromotionKind kind, long fromEpoch, String candidate, long startSequence) {}
