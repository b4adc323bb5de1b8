package org.dataembassy.services.landregister.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The land register's public side ({@code land.<zone>}). */
@ConfigMapping(prefix = "embassy.land-register")
public interface LandRegisterConfig {

  /**
   * Anonymous reads ({@code GET /parcels/{id}}, {@code /history}) a client address may make at
   * once; then one per {@link #anonymousReadRefill()}. {@code 0}: no limit (benchmarks only).
   */
  @WithDefault("100")
  int anonymousReadBurst();

  /** How often an address regains one anonymous read (ISO-8601 duration; 10 ms: 100 a second). */
  @WithDefault("PT0.01S")
  Duration anonymousReadRefill();

  /** How long a proposed transfer waits for the consent of the owners it affects. */
  @WithDefault("P7D")
  Duration transferConsentWindow();
}
