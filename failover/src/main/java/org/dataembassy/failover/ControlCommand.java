package org.dataembassy.failover;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.dataembassy.failover.agreement.OperatorOrder;
import org.dataembassy.failover.agreement.PromotionAgreement;
import org.dataembassy.failover.agreement.PromotionVote;

/** A change proposed to the control plane's replicated state, committed through Raft. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "command")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ControlCommand.RenewLease.class, name = "renew"),
  @JsonSubTypes.Type(value = ControlCommand.Promote.class, name = "promote")
})
public sealed interface ControlCommand {

  /** The active site of {@code epoch} renews its lease. Refused for any other site or epoch. */
  record RenewLease(String site, long epoch) implements ControlCommand {}

  /**
   * Makes {@code site} active in epoch {@code fromEpoch + 1}, if the state is still at {@code
   * fromEpoch} (so two concurrent decisions cannot both win).
   *
   * @param startSequence the first journal sequence of the new epoch: entries of older epochs from
   *     there on are not valid
   * @param atMillis when it was decided (wall clock of the deciding site, recorded as is)
   * @param votes the sites' signed agreement ({@link PromotionAgreement}); none for a forced one
   * @param order the operator's signed order, for a forced promotion only
   */
  record Promote(
      String site,
      long fromEpoch,
      long startSequence,
      PromotionKind kind,
      String reason,
      String decidedBy,
      long atMillis,
      List<PromotionVote> votes,
      OperatorOrder order)
      implements ControlCommand {

    public Promote {
      votes = votes == null ? List.of() : List.copyOf(votes);
    }

    /** A promotion by the sites' votes. */
    public Promote(
        String site, long fromEpoch, long startSequence, PromotionKind kind, String reason, String decidedBy,
        long atMillis, List<PromotionVote> votes) {
      this(site, fromEpoch, startSequence, kind, reason, decidedBy, atMillis, votes, null);
    }
  }
}
