package org.dataembassy.runtime.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.dataembassy.runtime.LocalSite;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.controlplane.SiteRole;
import org.dataembassy.runtime.health.CatchUpMonitor;
import org.dataembassy.runtime.journal.JournalApplier;
import org.dataembassy.runtime.replication.CrossSiteReplication;

/** Site gauges on {@code /q/metrics}: role, epoch, journal position, replication targets. */
@ApplicationScoped
public class SiteMetrics {

  @Inject MeterRegistry registry;
  @Inject LocalSite site;
  @Inject ControlPlane controlPlane;
  @Inject JournalApplier applier;
  @Inject CrossSiteReplication replication;
  @Inject CatchUpMonitor catchUp;

  void register(@Observes StartupEvent event) {
    Gauge.builder("embassy.journal.sequence", applier, JournalApplier::appliedSequence)
        .description("Last journal sequence folded into this site's projections")
        .register(registry);
    Gauge.builder("embassy.journal.apply.lag", applier, a -> Math.max(0, a.storedSequence() - a.appliedSequence()))
        .description("Journal entries this site holds but has not folded into its projections yet")
        .register(registry);
    Gauge.builder("embassy.epoch", controlPlane, ControlPlane::epoch)
        .description("Current epoch")
        .register(registry);
    for (SiteRole role : SiteRole.values()) {
      Gauge.builder("embassy.site.role", site, s -> s.role() == role ? 1 : 0)
          .tag("role", role.name())
          .description("1 for this site's current role")
          .register(registry);
    }
    Gauge.builder("embassy.site.caught.up", catchUp, c -> c.caughtUp() ? 1 : 0)
        .description("1 once this site has caught up and is ready")
        .register(registry);
    for (String peer : site.peers()) {
      Gauge.builder("embassy.replication.online", replication, r -> r.isOnline(peer) ? 1 : 0)
          .tag("peer", peer)
          .description("1 while journal entries are backed up to this site")
          .register(registry);
    }
  }
}
