package org.dataembassy.runtime.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.dataembassy.runtime.LocalSite;
import org.dataembassy.runtime.controlplane.SiteRole;
import org.dataembassy.runtime.journal.JournalApplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the site has caught up with the journal and its applier is healthy. */
@Readiness
@ApplicationScoped
public class SiteReadinessHealthCheck implements HealthCheck {

  @Inject LocalSite site;
  @Inject JournalApplier applier;
  @Inject CatchUpMonitor catchUp;

  @Override
  public HealthCheckResponse call() {
    var builder =
        HealthCheckResponse.named("site")
            .withData("site", site.id())
            .withData("role", site.role().name())
            .withData("journalSequence", applier.appliedSequence());
    if (applier.haltReason().isPresent()) {
      return builder.down().withData("halted", applier.haltReason().get()).build();
    }
    if (site.role() == SiteRole.FENCED) {
      return builder.down().withData("waitingFor", "a lease from the control plane").build();
    }
    if (!catchUp.caughtUp()) {
      return builder.down().withData("waitingFor", catchUp.waitingFor()).build();
    }
    return builder.up().build();
  }
}
