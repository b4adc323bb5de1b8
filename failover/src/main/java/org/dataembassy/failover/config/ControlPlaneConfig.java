package org.dataembassy.failover.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The control plane: the sites' Raft group, the active site's lease and the failover decision.
 *
 * <p>Safety margin: a standby is promoted only when no lease renewal has reached the Raft leader
 * for {@code lease-ms + promotion-margin-ms} (counted from its arrival, which follows its sending;
 * see ControlPlaneStateMachine#renewalArrived), while the active site stops acknowledging writes {@code
 * lease-ms} after it <em>sent</em> its last committed renewal, and checks its lease again after a
 * write is replicated, before acknowledging it. An acknowledged write was therefore held by an
 * embassy before the lease ran out, and the promotion (which picks the most caught-up standby)
 * starts the new epoch after it; a write replicated after the lease ran out is answered 503 and its
 * entry, of the old epoch, is never applied. The margin only has to cover clock-rate drift.
 */
@ConfigMapping(prefix = "embassy.controlplane")
public interface ControlPlaneConfig {

  /** Whether the sites run the Raft control plane; {@code false}: the active site is configured. */
  @WithDefault("true")
  boolean enabled();

  /** TCP port of the Raft group's JGroups channel, on the site's address. */
  @WithDefault("7950")
  int port();

  /** How long a committed renewal keeps the active site's lease. */
  @WithDefault("600")
  long leaseMs();

  /** How often the active site renews its lease. */
  @WithDefault("150")
  long renewIntervalMs();

  /** Extra wait beyond the lease before a standby may be promoted (see the class comment). */
  @WithDefault("300")
  long promotionMarginMs();

  /** How often the Raft leader checks whether the active site must be replaced. */
  @WithDefault("100")
  long checkIntervalMs();

  /** JGroups failure detection: how long a silent member stays in the view. */
  @WithDefault("1500")
  long failureDetectionMs();

  /**
   * Start by rejoining the control plane of a forced generation (after {@code ./embassy promote
   * SITE --force} elsewhere): this site's Raft log is discarded and it joins the generation a
   * running site reports, as a new member. {@code ./embassy start SITE --rejoin} sets it.
   */
  @WithDefault("false")
  boolean rejoin();
}
