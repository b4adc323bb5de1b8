package org.dataembassy.services.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Citizen login ({@code auth.<zone>}). Session lifetimes are {@code embassy.sessions.*}. */
@ConfigMapping(prefix = "embassy.auth")
public interface AuthConfig {

  /** How long a login challenge may be answered (ISO-8601 duration). */
  @WithDefault("PT60S")
  Duration challengeLifetime();

  /** Failed logins tolerated per certificate within the window. */
  @WithDefault("5")
  int maxFailuresPerCertificate();

  /** Failed logins tolerated per client address within the window (a household or NAT shares one). */
  @WithDefault("20")
  int maxFailuresPerAddress();

  /** The window over which failed logins are counted; also how long a throttled caller waits. */
  @WithDefault("PT60S")
  Duration failureWindow();
}
