package org.dataembassy.runtime.replication;

/** Names of the caches every site declares, identically (FACTS.md: ISPN000436 otherwise). */
public final class ReplicatedCaches {

  /** Journal entries by sequence; synchronous cross-site backups; file store per site. */
  public static final String JOURNAL = "journal";

  private ReplicatedCaches() {}
}
