package org.dataembassy.runtime.replication;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dataembassy.runtime.LocalSite;
import org.dataembassy.runtime.concurrent.DaemonThreads;
import org.dataembassy.runtime.controlplane.ActiveSiteChanged;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.journal.CheckpointScheduler;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachemanagerlistener.annotation.SiteViewChanged;
import org.infinispan.notifications.cachemanagerlistener.event.SitesViewChangedEvent;
import org.jboss.logging.Logger;

/**
 * Reacts to sites leaving and joining the RELAY2 site view: a site that left is taken offline for
 * every cache at once (so writes stop waiting for it); when it returns, the active site brings it
 * back online and pushes it the state it missed, and the other sites resume their (idle) backups.
 */
@ApplicationScoped
@Listener
public class ReplicationSupervisor {

  private static final Logger LOG = Logger.getLogger(ReplicationSupervisor.class);

  @Inject EmbeddedCacheManager cacheManager;
  @Inject CrossSiteReplication replication;
  @Inject LocalSite site;
  @Inject ControlPlane controlPlane;
  @Inject CheckpointScheduler checkpoints;

  // Reconciliation runs in order on one thread, never on a JGroups thread; pushes to returning
  // sites run on their own threads, one at a time per site, so one slow site delays no other.
  private final ExecutorService worker = daemonThreads("replication-supervisor", 1);
  private final ExecutorService pushes = daemonThreads("replication-push", 4);
  private final Set<String> pushing = ConcurrentHashMap.newKeySet();
  /**
   * Sites this process, as the active site, has pushed the journal to since they last joined its
   * site view. What a site missed before this process started (it was down while the previous run
   * of this site wrote, and the whole federation then restarted) is known to no one else: after a
   * restart the active site pushes to every site once (LocalFederationIT in CI-41: lux waited for
   * entry 61 for good).
   */
  private final Set<String> pushedSinceJoined = ConcurrentHashMap.newKeySet();
  private volatile String lastActive;
  private static final long RESYNC_SECONDS = 2;
  private final ScheduledExecutorService resync =
      DaemonThreads.scheduler("replication-resync");

  private static ExecutorService daemonThreads(String name, int threads) {
    return DaemonThreads.pool(name, threads);
  }

  void onStart(@Observes StartupEvent event) {
    if (!replication.enabled()) {
      return;
    }
    cacheManager.addListener(this);
    worker.submit(this::reconcile);
    // A site can also be taken offline while it stays in the site view (a backup to it failed,
    // e.g. while its caches were still starting): look again every few seconds.
    resync.scheduleWithFixedDelay(() -> worker.submit(this::reconcile), RESYNC_SECONDS, RESYNC_SECONDS, TimeUnit.SECONDS);
  }

  /** A new active site pushes its journal to every site it can reach, then backs up to them. */
  void onActiveSiteChanged(@ObservesAsync ActiveSiteChanged change) {
    String previous = lastActive;
    lastActive = change.activeSite();
    if (!replication.enabled() || !site.id().equals(change.activeSite()) || site.id().equals(previous)) {
      return; // not this site, or a new epoch of the same active site: nothing to push
    }
    var view = replication.sitesView();
    // The control plane notices a lost site sooner than the replication's failure detector: a
    // site it has lost (the deposed active site, usually) is taken offline at once rather than
    // pushed to, so the first writes of the new epoch do not wait for it.
    var connected = controlPlane.connectedSites();
    for (String peer : site.peers()) {
      if (view.contains(peer) && connected.map(c -> c.contains(peer)).orElse(true)) {
        pushTo(peer);
      } else {
        replication.takeOffline(peer, "not reachable when this site became active");
      }
    }
  }

  @SiteViewChanged
  public void onSiteView(SitesViewChangedEvent event) {
    LOG.infof(
        "EMB-RP-002 site view %s (joined %s, left %s)",
        event.getSites(), event.getJoiners(), event.getLeavers());
    worker.submit(this::reconcile);
  }

  private void pushTo(String peer) {
    if (!pushing.add(peer)) {
      return; // a push to this site is already under way
    }
    pushes.submit(
        () -> {
          try {
            if (replication.bringOnline(peer)) {
              pushedSinceJoined.add(peer);
            }
            checkpoints.afterReplicationResumed();
          } catch (RuntimeException e) {
            LOG.errorf(e, "EMB-RP-012 pushing state to site %s failed", peer);
          } finally {
            pushing.remove(peer);
          }
        });
  }

  /** Brings the backup targets in line with the site view. */
  private void reconcile() {
    try {
      var view = replication.sitesView();
      for (String peer : site.peers()) {
        if (!view.contains(peer)) {
          pushedSinceJoined.remove(peer);
          replication.takeOffline(peer, "left the site view");
        } else if (!replication.isOnline(peer) || (site.isActive() && !pushedSinceJoined.contains(peer))) {
          if (site.isActive()) {
            pushTo(peer); // bring it online and push it what it missed
          } else {
            replication.resumeBackups(peer); // a standby writes nothing, so has nothing to push
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.errorf(e, "EMB-RP-003 reconciling replication with the site view failed");
    }
  }
}
