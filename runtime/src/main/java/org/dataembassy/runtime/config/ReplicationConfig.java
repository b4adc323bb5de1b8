package org.dataembassy.runtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Cross-site replication of the journal and the short-lived replicated state. */
@ConfigMapping(prefix = "embassy.replication")
public interface ReplicationConfig {

  /**
   * How many embassies must hold a journal entry before the write is acknowledged. With fewer
   * embassies online, writes are refused with 503. {@code 0} disables replication (a single site,
   * for development and for measuring the cost of replication).
   */
  @WithDefault("1")
  int minSyncEmbassies();

  /** Whether journal entries are backed up to the other sites at all. */
  @WithDefault("true")
  boolean enabled();

  /** Milliseconds a synchronous cross-site backup may take before the site counts as failed. */
  @WithDefault("1500")
  long backupTimeoutMs();

  /** TCP port of the site-local JGroups cluster stack, on the site's address. */
  @WithDefault("7800")
  int localPort();

  /** TCP port of the inter-site (RELAY2 bridge) JGroups stack, on the site's address. */
  @WithDefault("7900")
  int bridgePort();
}
