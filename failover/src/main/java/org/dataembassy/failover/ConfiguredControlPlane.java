package org.dataembassy.failover;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.controlplane.SiteRole;

/**
 * The control plane of a federation whose active site is fixed by configuration ({@code
 * embassy.federation.initial-active}, epoch 1). The Raft-based control plane with leases and
 * promotion replaces it.
 */
@ApplicationScoped
public class ConfiguredControlPlane implements ControlPlane {

  private static final long INITIAL_EPOCH = 1;

  @Inject FederationConfig federation;

  @Override
  public Optional<String> activeSite() {
    return Optional.of(federation.initialActive());
  }

  @Override
  public long epoch() {
    return INITIAL_EPOCH;
  }

  @Override
  public SiteRole roleOf(String siteId) {
    return siteId.equals(federation.initialActive()) ? SiteRole.ACTIVE : SiteRole.STANDBY;
  }
}
