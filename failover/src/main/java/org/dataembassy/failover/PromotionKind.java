package org.dataembassy.failover;

/** Why a site was made active. */
public enum PromotionKind {
  /** The majority promoted a standby after the active site fell silent. */
  FAILOVER,
  /** An operator's planned switchover, drained and confirmed. */
  SWITCHOVER,
  /**
   * The active site opened a new epoch for itself after a write it could not acknowledge (no
   * change of site).
   */
  RESUME,
  /** An operator's forced promotion while the majority was lost (may lose writes). */
  FORCED
}
