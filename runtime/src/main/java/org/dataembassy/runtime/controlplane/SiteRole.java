package org.dataembassy.runtime.controlplane;

/** A site's role in the current epoch (ARCHITECTURE.md §2). */
public enum SiteRole {
  /** Accepts writes; exactly one per epoch. */
  ACTIVE,
  /** Hot: data current, reads served, writes forwarded to the active site. */
  STANDBY,
  /** A former active site that lost its lease: accepts no writes until readmitted. */
  FENCED,
  /** Catching up before it can become a standby. */
  RECOVERING
}
