package org.dataembassy.runtime.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dataembassy.runtime.LocalSite;
import org.dataembassy.runtime.client.PeerSiteClient;
import org.dataembassy.runtime.concurrent.DaemonThreads;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.journal.JournalApplier;
import org.jboss.logging.Logger;

/**
 * Decides when this site has caught up: the active site once it has folded its own journal; a
 * standby once it has folded everything the active site held when asked. Until then the site is not
 * ready. A site that was caught up is no longer once it is cut off from the control plane or a new
 * epoch begins without it as the active site: it may have missed entries (a fenced home, cut off
 * while an embassy took over, held none of the new active site's writes), so it proves again that
 * it holds everything.
 */
@ApplicationScoped
public class CatchUpMonitor {

  private static final Logger LOG = Logger.getLogger(CatchUpMonitor.class);
  private static final long CHECK_MILLIS = 200;

  @Inject LocalSite site;
  @Inject ControlPlane controlPlane;
  @Inject JournalApplier applier;
  @Inject PeerSiteClient peers;

  private volatile boolean caughtUp;
  /** The epoch in which this site last caught up. */
  private volatile long caughtUpEpoch = -1;
  private volatile long target = -1;
  private volatile String waitingFor = "starting";

  public boolean caughtUp() {
    return caughtUp;
  }

  /** What the site still waits for, while it has not caught up. */
  public String waitingFor() {
    return caughtUp ? "" : waitingFor;
  }

  private final ScheduledExecutorService timer =
      DaemonThreads.scheduler("catch-up-monitor");

  void onStart(@Observes StartupEvent event) {
    timer.scheduleWithFixedDelay(this::checkSafely, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    timer.shutdownNow();
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      waitingFor = "a failed check: " + e.getMessage();
    }
  }

  void check() {
    if (caughtUp) {
      String why = whyNoLongerCaughtUp();
      if (why == null) {
        return;
      }
      caughtUp = false;
      target = -1;
      LOG.infof("EMB-RT-011 site %s checks again that it holds every entry: %s", site.id(), why);
    }
    if (!controlPlane.current()) {
      waitingFor = "the control plane's committed state";
      return;
    }
    if (controlPlane.activeSite().filter(site.id()::equals).isPresent()) {
      // the active's applier folds its own journal at start; the writer keeps it current. Only
      // with the lease: a restarted former active site may see itself named active in a Raft view
      // that has not yet received the later epochs, and must not report ready on that.
      if (!site.isActive()) {
        waitingFor = "the lease (named active in epoch " + controlPlane.epoch() + ")";
      } else if (applier.haltReason().isEmpty()) {
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
      JsonNode status;
      try {
        status = peers.selfStatus(active.get());
      } catch (Exception e) {
        waitingFor = "the active site " + active.get() + " to answer";
        return;
      }
      // Only once the active site backs up to this site again can nothing be missed from here on.
      if (!"online".equals(status.path("replication").path(site.id()).path("state").asText())) {
        waitingFor = "the active site " + active.get() + " to resume replication to this site";
        return;
      }
      target = status.path("journalSequence").asLong(-1);
    }
    // A standby folds an entry once its successor has arrived; the active site journals a
    // checkpoint after pushing to a returning site, so everything it had is folded here, but for
    // a last checkpoint, which changes nothing.
    if (applier.reflectedSequence() >= target) {
      markCaughtUp("active site " + active.get() + " at sequence " + target);
    } else {
      waitingFor = "journal sequence " + target + " (at " + applier.appliedSequence() + ")";
    }
  }

  private String whyNoLongerCaughtUp() {
    if (!controlPlane.current()) {
      return "cut off from the control plane";
    }
    if (controlPlane.epoch() != caughtUpEpoch
        && controlPlane.activeSite().filter(site.id()::equals).isEmpty()) {
      return "epoch " + controlPlane.epoch() + " began with " + controlPlane.activeSite().orElse("no site") + " active";
    }
    return null;
  }

  private void markCaughtUp(String against) {
    caughtUpEpoch = controlPlane.epoch();
    caughtUp = true;
    LOG.infof(
        "EMB-RT-010 site %s caught up at journal sequence %d (%s)",
        site.id(), applier.appliedSequence(), against);
  }
}
