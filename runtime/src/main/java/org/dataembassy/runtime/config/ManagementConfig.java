package org.dataembassy.runtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The management port: operators' and auditors' endpoints, mutual TLS with their certificates. */
@ConfigMapping(prefix = "embassy.management")
public interface ManagementConfig {

  /** Whether the site serves its management port (off only in tests that need no operator). */
  @WithDefault("true")
  boolean enabled();

  /** HTTPS port of the management endpoints, on the site's address. */
  @WithDefault("9443")
  int port();
}
