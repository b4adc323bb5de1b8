package org.dataembassy.runtime.health;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.dataembassy.runtime.LocalSite;
import org.dataembassy.runtime.client.PeerSiteClient;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.journal.JournalApplier;
import org.jboss.logging.Logger;

/**
 * Decides when this site has caught up: the active site once it has folded its own journal; a
 * standby once it has folded everything the active site held when asked. Until then the site is not
 * ready.
 */
@ApplicationScoped
public class CatchUpMonitor {

  private static final Logger LOG = Logger.getLogger(CatchUpMonitor.class);

  @Inject LocalSite site;
  @Inject ControlPlane controlPlane;
  @Inject JournalApplier applier;
  @Inject PeerSiteClient peers;

  private volatile boolean caughtUp;
  private volatile long target = -1;
  private volatile String waitingFor = "starting";

  public boolean caughtUp() {
    return caughtUp;
  }

  /** What the site still waits for, while it has not caught up. */
  public String waitingFor() {
    return caughtUp ? "" : waitingFor;
  }

  @Scheduled(every = "0.25s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void check() {
    if (caughtUp) {
      return;
    }
    if (site.isActive()) {
      // the active's applier folds its own journal at start; the writer keeps it current
      if (applier.haltReason().isEmpty()) {
        markCaughtUp("own journal");
      }
      return;
    }
    Optional<String> active = controlPlane.activeSite();
    if (active.isEmpty()) {
      waitingFor = "an active site to compare with";
      return;
    }
    if (target < 0) {
      try {
        target = peers.selfStatus(active.get()).path("journalSequence").asLong(-1);
      } catch (Exception e) {
        waitingFor = "the active site " + active.get() + " to answer";
        return;
      }
    }
    if (applier.appliedSequence() >= target) {
      markCaughtUp("active site " + active.get() + " at sequence " + target);
    } else {
      waitingFor =
          "journal sequence " + target + " (at " + applier.appliedSequence() + ")";
    }
  }

  private void markCaughtUp(String against) {
    caughtUp = true;
    LOG.infof(
        "EMB-RT-010 site %s caught up at journal sequence %d (%s)",
        site.id(), applier.appliedSequence(), against);
  }
}
