package org.dataembassy.runtime.replication;

/** Names of the caches every site declares, identically (FACTS.md: ISPN000436 otherwise). */
public final class ReplicatedCaches {

  /** Journal entries by sequence; synchronous cross-site backups; file store per site. */
  public static final String JOURNAL = "journal";

  /** Login challenges (single use, a minute); synchronous cross-site backups; memory only. */
  public static final String CHALLENGES = "challenges";

  /** Citizen sessions; synchronous cross-site backups; memory only (each site holds a copy). */
  public static final String SESSIONS = "sessions";

  private ReplicatedCaches() {}
}
