package org.dataembassy.runtime.replication;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.dataembassy.runtime.LocalSite;
import org.dataembassy.runtime.config.ReplicationConfig;
import org.infinispan.factories.ComponentRegistry;
import org.infinispan.factories.GlobalComponentRegistry;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.Transport;
import org.infinispan.xsite.BackupFailureException;
import org.infinispan.xsite.GlobalXSiteAdminOperations;
import org.infinispan.xsite.XSiteAdminOperations;
import org.jboss.logging.Logger;

/**
 * This site's view of cross-site replication: which sites are reachable (the RELAY2 site view),
 * which are online as backup targets, and the operations that take a lost site offline for every
 * cache at once and bring a returning one back with a push state transfer.
 */
@ApplicationScoped
public class CrossSiteReplication {

  private static final Logger LOG = Logger.getLogger(CrossSiteReplication.class);
  private static final Duration PUSH_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration PUSH_RETRY = Duration.ofSeconds(1);
  private static final int PUSH_ATTEMPTS = 30;
  private static final Set<String> PUSH_FINISHED = Set.of("OK", "ERROR", "CANCELED");

  @Inject EmbeddedCacheManager cacheManager;
  @Inject ReplicationConfig config;
  @Inject LocalSite site;

  /** Replication state toward one other site. */
  public record PeerState(boolean inView, boolean online, String pushState) {
    public String state() {
      if (!inView) {
        return online ? "unreachable" : "offline";
      }
      return online ? "online" : "offline";
    }
  }

  public boolean enabled() {
    return config.enabled();
  }

  /** Sites currently connected through RELAY2, this one included. */
  public Set<String> sitesView() {
    if (!enabled()) {
      return Set.of(site.id());
    }
    Transport transport = GlobalComponentRegistry.componentOf(cacheManager, Transport.class);
    Collection<String> view = transport.getSitesView();
    return view == null ? Set.of(site.id()) : Set.copyOf(view);
  }

  /** Whether writes are backed up to this site (it has not been taken offline). */
  public boolean isOnline(String peer) {
    return enabled() && XSiteAdminOperations.ONLINE.equals(journalAdmin().siteStatus(peer));
  }

  /** The other sites that are both reachable and online as backup targets. */
  public List<String> onlineBackupSites() {
    Set<String> view = sitesView();
    return site.peers().stream().filter(view::contains).filter(this::isOnline).toList();
  }

  /** Replication state toward every other site. */
  public Map<String, PeerState> peers() {
    Map<String, PeerState> result = new LinkedHashMap<>();
    if (!enabled()) {
      return result;
    }
    Set<String> view = sitesView();
    Map<String, String> push = journalAdmin().getPushStateStatus();
    for (String peer : site.peers()) {
      result.put(
          peer, new PeerState(view.contains(peer), isOnline(peer), push.getOrDefault(peer, "")));
    }
    return result;
  }

  /** Stops backing up to a site, for every cache at once. */
  public void takeOffline(String peer, String reason) {
    if (!enabled()) {
      return;
    }
    boolean changed =
        admin(
            () -> {
              if (!isOnline(peer)) {
                return false;
              }
              globalAdmin().takeAllCachesOffline(peer);
              return true;
            });
    if (changed) {
      LOG.warnf("EMB-RP-010 site %s taken offline for replication: %s", peer, reason);
    }
  }

  /**
   * Runs one cross-site admin operation at a time. Two take-offline operations for two different
   * sites running concurrently deadlock in Infinispan 16.0.14 (each holds one site's
   * OfflineStatus monitor and waits for the other's, through the listener of the internal state
   * cache): docs/infinispan-notes.md.
   */
  private <T> T admin(java.util.function.Supplier<T> operation) {
    adminLock.lock();
    try {
      return operation.get();
    } finally {
      adminLock.unlock();
    }
  }

  private final java.util.concurrent.locks.ReentrantLock adminLock =
      new java.util.concurrent.locks.ReentrantLock();

  /** Resumes backing up to a site for every cache, without a state transfer. */
  public void resumeBackups(String peer) {
    if (enabled()
        && admin(
            () -> {
              if (isOnline(peer)) {
                return false;
              }
              globalAdmin().bringAllCachesOnline(peer);
              return true;
            })) {
      LOG.infof("EMB-RP-014 backups to site %s resumed", peer);
    }
  }

  /**
   * Resumes backing up to a site and pushes it the state it missed; returns once the push state
   * transfer finished, the site left again, or the attempts ran out. A site that has just joined
   * may not have started its caches yet, so a push that cannot start is retried.
   */
  public boolean bringOnline(String peer) {
    if (!enabled()) {
      return false;
    }
    Instant start = Instant.now();
    for (int attempt = 1; attempt <= PUSH_ATTEMPTS && sitesView().contains(peer); attempt++) {
      // brings the site online for every cache and starts the push; returns at once
      Map<String, String> started =
          admin(
              () -> {
                journalAdmin().clearPushStateStatus();
                return globalAdmin().pushStateAllCaches(peer);
              });
      if (started.values().stream().allMatch(XSiteAdminOperations.SUCCESS::equals)) {
        String status = awaitPush(peer, start.plus(PUSH_TIMEOUT));
        if ("OK".equals(status)) {
          LOG.infof(
              "EMB-RP-011 site %s back online for replication; state pushed in %d ms",
              peer, Duration.between(start, Instant.now()).toMillis());
          return true;
        }
        LOG.warnf("EMB-RP-013 pushing state to site %s ended %s (attempt %d)", peer, status, attempt);
      } else {
        LOG.debugf("push state to %s could not start (attempt %d): %s", peer, attempt, started);
      }
      // A push that failed to reach a site that was still starting stays registered as running;
      // cancel it, or every later attempt is refused as "already in progress".
      admin(() -> globalAdmin().cancelPushStateAllCaches(peer));
      LockSupport.parkNanos(PUSH_RETRY.toNanos());
    }
    if (!sitesView().contains(peer)) {
      LOG.warnf("EMB-RP-015 push of state to site %s abandoned: it left the site view (pushed again when it returns)", peer);
    } else {
      LOG.errorf(
          "EMB-RP-012 could not push state to site %s after %d attempts; it stays behind until the next re-check (every few seconds)",
          peer, PUSH_ATTEMPTS);
    }
    return false;
  }

  private String awaitPush(String peer, Instant deadline) {
    String status = journalAdmin().getPushStateStatus().getOrDefault(peer, "");
    while (!PUSH_FINISHED.contains(status) && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      if (!journalAdmin().getRunningStateTransfer().contains(peer)) {
        status = journalAdmin().getPushStateStatus().getOrDefault(peer, "");
        return PUSH_FINISHED.contains(status) ? status : "stopped (" + status + ")";
      }
      status = journalAdmin().getPushStateStatus().getOrDefault(peer, "");
    }
    return status;
  }

  /** The sites a failed synchronous backup names (from a {@link BackupFailureException}). */
  public static List<String> failedSites(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (c instanceof BackupFailureException) {
        List<String> sites =
            Arrays.stream(c.getSuppressed())
                .filter(s -> s instanceof BackupFailureException)
                .map(CrossSiteReplication::siteName)
                .filter(s -> s != null)
                .toList();
        if (!sites.isEmpty()) {
          return sites;
        }
      }
    }
    return List.of();
  }

  /**
   * A description of a failure naming the sites a failed backup names, safe for any exception: Infinispan 16.0.14's {@link
   * BackupFailureException#getMessage()} (and so {@code toString()}) throws a NullPointerException
   * when a nested failure has no cause — which turned a refused write into a 500 (F0500 in CI-40).
   */
  public static String describe(Throwable failure) {
    String text;
    try {
      text = failure.toString();
    } catch (RuntimeException unprintable) {
      text = failure.getClass().getName();
    }
    List<String> sites = failedSites(failure);
    return sites.isEmpty() ? text : text + " (failed sites " + sites + ")";
  }

  private static String siteName(Throwable perSite) {
    try {
      return perSite.getMessage(); // the per-site exception's message is the site name
    } catch (RuntimeException e) {
      return null; // getMessage() can throw in 16.0.14 (docs/infinispan-notes.md)
    }
  }

  private GlobalXSiteAdminOperations globalAdmin() {
    return GlobalComponentRegistry.componentOf(cacheManager, GlobalXSiteAdminOperations.class);
  }

  private XSiteAdminOperations journalAdmin() {
    return ComponentRegistry.componentOf(
        cacheManager.getCache(ReplicatedCaches.JOURNAL), XSiteAdminOperations.class);
  }
}
