package org.dataembassy.dns.zone;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dataembassy.dns.config.DnsConfig;
import org.dataembassy.runtime.concurrent.DaemonThreads;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.controlplane.ActiveSiteChanged;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.jboss.logging.Logger;

/**
 * The zone this site serves now. Rebuilt when the control plane names another active site (the
 * CDI event), and checked every {@value #POLL_MS} ms against the control plane as well, so an
 * answer follows a change of role within that time even if an event were missed.
 */
@ApplicationScoped
public class ZoneState {

  private static final Logger LOG = Logger.getLogger(ZoneState.class);
  private static final long POLL_MS = 50;

  @Inject DnsConfig config;
  @Inject FederationConfig federation;
  @Inject ControlPlane controlPlane;

  private volatile ZoneSnapshot current;
  private volatile ScheduledExecutorService poller;

  public ZoneSnapshot current() {
    ZoneSnapshot zone = current;
    return zone != null ? zone : refresh();
  }

  void start(@Observes @Priority(20) StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    refresh();
    poller =
        DaemonThreads.scheduler("dns-zone");
    poller.scheduleWithFixedDelay(this::refreshIfChanged, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (poller != null) {
      poller.shutdownNow();
    }
  }

  void onChange(@ObservesAsync ActiveSiteChanged change) {
    refreshIfChanged();
  }

  private void refreshIfChanged() {
    try {
      ZoneSnapshot zone = current;
      String active = controlPlane.activeSite().orElse(null);
      if (zone == null
          || zone.serial() != (controlPlane.epoch() & 0xFFFF_FFFFL)
          || !Objects.equals(zone.activeSite(), active)
          || zone.current() != knownCurrent()) {
        refresh();
      }
    } catch (RuntimeException e) {
      LOG.warnf("EMB-DN-003 could not refresh the zone from the control plane: %s", e.toString());
    }
  }

  /** How long a site that was current keeps answering while its control plane catches up. */
  private static final long CURRENT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

  private volatile long lastCurrentNanos;
  private volatile boolean everCurrent;

  /**
   * Whether this site knows who is active: its control plane is current now, or was less than 2 s
   * ago (a follower lags the leader's commits by moments all the time; only a site that stays
   * behind — just restarted, or cut off — stops answering).
   */
  private boolean knownCurrent() {
    long now = System.nanoTime();
    if (controlPlane.current()) {
      lastCurrentNanos = now;
      everCurrent = true;
      return true;
    }
    return everCurrent && now - lastCurrentNanos < CURRENT_GRACE_NANOS;
  }

  private synchronized ZoneSnapshot refresh() {
    String active = controlPlane.activeSite().orElse(null);
    long epoch = controlPlane.epoch();
    boolean known = knownCurrent();
    ZoneSnapshot before = current;
    ZoneSnapshot zone =
        new ZoneSnapshot(
            config.zone().orElse(federation.zone()), config.services(), siteAddresses(), active, epoch, config.ttl(), known);
    current = zone;
    if (before == null
        || before.serial() != zone.serial()
        || !Objects.equals(before.activeSite(), active)
        || before.current() != known) {
      LOG.infof(
          "EMB-DN-002 zone %s serial %d: %s lead to %s%s",
          zone.zone(), zone.serial(), config.services(), active,
          known ? "" : " (control plane not current here: SERVFAIL until it is)");
    }
    return zone;
  }

  private Map<String, List<InetAddress>> siteAddresses() {
    Map<String, List<InetAddress>> sites = new LinkedHashMap<>();
    for (String id : federation.siteIds()) {
      String address = federation.sites().get(id).address();
      try {
        sites.put(id, List.of(InetAddress.getByName(address))); // a literal: no lookup happens
      } catch (UnknownHostException e) {
        throw new IllegalStateException("site " + id + " has no usable address: " + address, e);
      }
    }
    return sites;
  }
}
