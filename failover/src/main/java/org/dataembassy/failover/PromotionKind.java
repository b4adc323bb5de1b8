package org.dataembassy.failover;

/** Why a site was made active. */
public enum PromotionKind {
  /** The majority promoted a standby after the active site fell silent. */
  FAILOVER,
  /** An operator's planned switchover, drained and confirmed. */
  SWITCHOVER,
  /** An operator's forced promotion while the majority was lost (may lose writes). */
  FORCED
}
