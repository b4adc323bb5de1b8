package org.dataembassy.failover.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.dataembassy.failover.ConfiguredControlPlane;
import org.dataembassy.failover.config.ControlPlaneConfig;
import org.dataembassy.runtime.controlplane.ControlPlane;

/** The control plane this site uses: the Raft group, or (when disabled) the configured active site. */
public class ControlPlaneProducer {

  @Produces
  @ApplicationScoped
  ControlPlane controlPlane(
      ControlPlaneConfig config,
      Instance<RaftControlPlane> raft,
      Instance<ConfiguredControlPlane> configured) {
    return config.enabled() ? raft.get() : configured.get();
  }
}
