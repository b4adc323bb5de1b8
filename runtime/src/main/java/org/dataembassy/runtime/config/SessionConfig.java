package org.dataembassy.runtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Citizen sessions (shared by every site through a replicated cache). */
@ConfigMapping(prefix = "embassy.sessions")
public interface SessionConfig {

  /** A session not used for this long ends (ISO-8601 duration). */
  @WithDefault("PT15M")
  Duration idleTimeout();

  /** A session ends this long after login, used or not. */
  @WithDefault("PT12H")
  Duration maxLifetime();

  /**
   * How often a session in use records that it was used (a replicated write): the idle timeout is
   * honoured to within this.
   */
  @WithDefault("PT30S")
  Duration touchInterval();
}
