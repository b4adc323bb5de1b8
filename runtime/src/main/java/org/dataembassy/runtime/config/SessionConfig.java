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

  /**
   * At most this many sessions are held at a site (about 1 KB each); beyond it the least recently
   * used are dropped there (their citizens log in again).
   */
  @WithDefault("100000")
  long maxSessions();

  /**
   * At most this many login challenges are held at a site (about 0.5 KB each, a minute each);
   * beyond it the oldest are dropped — a flood from many addresses cannot fill the heap.
   */
  @WithDefault("20000")
  long maxChallenges();
}
