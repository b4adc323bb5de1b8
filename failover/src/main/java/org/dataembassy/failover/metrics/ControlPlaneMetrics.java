package org.dataembassy.failover.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.dataembassy.failover.PromotionKind;
import org.dataembassy.failover.config.ControlPlaneConfig;
import org.dataembassy.failover.raft.RaftGroup;
import org.dataembassy.failover.service.LeaseKeeper;

/**
 * Control-plane meters on {@code /q/metrics}: the lease this site holds, the Raft group as it sees
 * it, and how many failovers, switchovers and forced promotions the federation has seen (from the
 * replicated state, so every site reports the same totals and they survive restarts).
 */
@ApplicationScoped
public class ControlPlaneMetrics {

  @Inject MeterRegistry registry;
  @Inject ControlPlaneConfig config;
  @Inject RaftGroup group;
  @Inject LeaseKeeper lease;

  void register(@Observes @Priority(20) StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    Gauge.builder("embassy.lease.remaining", lease, LeaseKeeper::remainingMillis)
        .baseUnit("milliseconds")
        .description("Time left on this site's lease (0 when it holds none)")
        .register(registry);
    Gauge.builder("embassy.controlplane.members", group, g -> g.members().size())
        .description("Sites connected in this site's view of the Raft group, itself included")
        .register(registry);
    Gauge.builder("embassy.controlplane.leader", group, g -> g.isLeader() ? 1 : 0)
        .description("1 while this site leads the Raft group")
        .register(registry);
    Gauge.builder("embassy.controlplane.current", group, g -> g.current() ? 1 : 0)
        .description("1 while this site has applied everything the Raft group committed")
        .register(registry);
    Gauge.builder("embassy.controlplane.generation", group, g -> g.membership() == null ? 0 : g.membership().generation())
        .description("The control plane's generation: 0 as configured, raised by every forced promotion")
        .register(registry);
    FunctionCounter.builder(
            "embassy.controlplane.promotions.refused", group,
            g -> g.stateMachine() == null ? 0 : g.stateMachine().refusedPromotions())
        .description("Promotions (or snapshots) committed by the Raft group but refused here: without the sites' signed agreement")
        .register(registry);
    for (PromotionKind kind : PromotionKind.values()) {
      FunctionCounter.builder(
              "embassy.controlplane.promotions", group, g -> g.stateMachine().state().promotions(kind))
          .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
          .description("Changes of active site the federation has seen, by kind")
          .register(registry);
    }
  }
}
