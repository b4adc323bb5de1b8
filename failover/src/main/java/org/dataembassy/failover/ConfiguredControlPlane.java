package org.dataembassy.failover;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.Optional;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.controlplane.SiteRole;

/**
 * The control plane of a federation whose active site is fixed by configuration ({@code
 * embassy.federation.initial-active}, epoch 1): a single site alone, or tests of one site. A
 * federation runs the Raft control plane ({@code embassy.controlplane.enabled}).
 */
@ApplicationScoped
@Typed(ConfiguredControlPlane.class)
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
  public Optional<String> activeSiteOf(long epoch) {
    return epoch == INITIAL_EPOCH ? activeSite() : Optional.empty();
  }

  @Override
  public SiteRole roleOf(String siteId) {
    return siteId.equals(federation.initialActive()) ? SiteRole.ACTIVE : SiteRole.STANDBY;
  }
}
