package org.dataembassy.failover;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dataembassy.failover.agreement.OperatorOrder;
import org.dataembassy.failover.agreement.PromotionVote;

/**
 * The control plane's replicated state.
 *
 * @param activeSite the site that may accept writes in this epoch
 * @param epoch grows by one at every change of active site
 * @param startSequence first journal sequence written in this epoch
 * @param history the changes of active site, oldest first (the last {@value #HISTORY})
 * @param promotions how many promotions of each kind the federation has seen, ever
 */
public record ControlPlaneState(
    String activeSite,
    long epoch,
    long startSequence,
    List<Change> history,
    Map<PromotionKind, Long> promotions) {

  public static final int HISTORY = 100;

  public ControlPlaneState {
    history = history == null ? List.of() : List.copyOf(history);
    EnumMap<PromotionKind, Long> counts = new EnumMap<>(PromotionKind.class);
    if (promotions != null) {
      counts.putAll(promotions);
    }
    promotions = Map.copyOf(counts);
  }

  /** How many promotions of this kind the federation has seen. */
  public long promotions(PromotionKind kind) {
    return promotions.getOrDefault(kind, 0L);
  }

  /**
   * The site active in {@code epoch}: the current one, one named in the history, or {@code
   * initialActive} for the first epoch; empty for an epoch not reached yet or older than the
   * history.
   */
  public java.util.Optional<String> activeSiteOf(long epoch, String initialActive) {
    if (epoch == this.epoch) {
      return java.util.Optional.ofNullable(activeSite);
    }
    if (epoch > this.epoch || epoch < 1) {
      return java.util.Optional.empty();
    }
    if (epoch == 1) {
      return java.util.Optional.of(initialActive);
    }
    return history.stream().filter(c -> c.epoch() == epoch).map(Change::site).findFirst();
  }

  /**
   * One change of active site, with what made it valid — the sites' votes, or for a forced one the
   * operator's signed order (a snapshot is checked by them, as a command is).
   */
  public record Change(
      long epoch,
      String site,
      long startSequence,
      PromotionKind kind,
      String reason,
      String decidedBy,
      long atMillis,
      String fromActive,
      List<PromotionVote> votes,
      OperatorOrder order) {

    public Change {
      votes = votes == null ? List.of() : List.copyOf(votes);
    }
  }

  public static ControlPlaneState initial(String activeSite) {
    return new ControlPlaneState(activeSite, 1, 1, List.of(), Map.of());
  }
}
