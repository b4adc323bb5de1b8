package org.dataembassy.failover;

import java.util.List;

/**
 * The control plane's replicated state.
 *
 * @param activeSite the site that may accept writes in this epoch
 * @param epoch grows by one at every change of active site
 * @param startSequence first journal sequence written in this epoch
 * @param history the changes of active site, oldest first
 */
public record ControlPlaneState(
    String activeSite, long epoch, long startSequence, List<Change> history) {

  /** One change of active site. */
  public record Change(
      long epoch, String site, long startSequence, String reason, String decidedBy, long atMillis) {}

  public static ControlPlaneState initial(String activeSite) {
    return new ControlPlaneState(activeSite, 1, 1, List.of());
  }
}
