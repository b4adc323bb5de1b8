package org.dataembassy.runtime.sitelink;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Security of the links between sites (JGroups: the control plane's Raft group, replication). */
@ConfigMapping(prefix = "embassy.site-link")
public interface SiteLinkConfig {

  /**
   * Whether the sites' JGroups connections use mutual TLS with state-CA site-link certificates.
   * Switch off only to compare performance; a federation must agree on it.
   */
  @WithDefault("true")
  boolean tls();

  /**
   * Milliseconds a TLS handshake toward another site may take before the connection is dropped
   * (and retried by JGroups): a peer that accepts TCP but never answers must not stall the link.
   */
  @WithDefault("1000")
  long handshakeTimeoutMs();
}
