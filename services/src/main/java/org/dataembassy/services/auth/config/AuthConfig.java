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

  /** Challenges an address may ask for at once ({@code POST /challenges}); then one per refill. */
  @WithDefault("20")
  int challengeBurst();

  /** How often an address regains one challenge once its burst is spent (ISO-8601 duration). */
  @WithDefault("PT3S")
  Duration challengeRefill();

  /** Failed logins tolerated per certificate (from one address, once its chain verifies) within the window. */
  @WithDefault("5")
  int maxFailuresPerCertificate();

  /** Failed logins tolerated per client address within the window (a household or NAT shares one). */
  @WithDefault("20")
  int maxFailuresPerAddress();

  /** The window over which failed logins are counted; also how long a throttled caller waits. */
  @WithDefault("PT60S")
  Duration failureWindow();
}
