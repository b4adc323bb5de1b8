package org.dataembassy.dns.push;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dataembassy.dns.config.DnsConfig;
import org.dataembassy.runtime.concurrent.DaemonThreads;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.controlplane.ActiveSiteChanged;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.jboss.logging.Logger;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;

/**
 * Pushes the service records to an external primary server when this site becomes active (and
 * when it starts as the active site): one RFC 2136 UPDATE signed with TSIG, over TCP. A failed push
 * is retried with a doubling delay for as long as this site is still active in that epoch; every
 * failure is logged with the server's answer (EMB-DN-011), every success once (EMB-DN-010). Only
 * the active site pushes, so the last push always comes from the site that is active now.
 */
@ApplicationScoped
public class DnsPusher {

  private static final Logger LOG = Logger.getLogger(DnsPusher.class);

  @Inject DnsPushConfig push;
  @Inject DnsConfig dns;
  @Inject SiteConfig site;
  @Inject FederationConfig federation;
  @Inject ControlPlane controlPlane;

  private volatile ScheduledExecutorService executor;

  void start(@Observes @Priority(40) StartupEvent event) {
    if (!push.enabled()) {
      return;
    }
    if (push.server().isEmpty() || push.tsigKeyName().isEmpty() || push.tsigSecret().isEmpty()) {
      throw new IllegalStateException(
          "EMB-DN-012 embassy.dns.push.enabled needs embassy.dns.push.server, .tsig-key-name and .tsig-secret");
    }
    executor =
        DaemonThreads.scheduler("dns-push");
    if (controlPlane.activeSite().filter(site.id()::equals).isPresent()) {
      long epoch = controlPlane.epoch();
      executor.execute(() -> attempt(epoch, push.retryIntervalMs()));
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  void onChange(@ObservesAsync ActiveSiteChanged change) {
    if (executor != null && site.id().equals(change.activeSite())) {
      executor.execute(() -> attempt(change.epoch(), push.retryIntervalMs()));
    }
  }

  private boolean stillActiveIn(long epoch) {
    return controlPlane.epoch() == epoch && controlPlane.activeSite().filter(site.id()::equals).isPresent();
  }

  private void attempt(long epoch, long nextDelayMs) {
    if (!stillActiveIn(epoch)) {
      return; // another site is active now: it pushes its own records
    }
    String server = push.server().orElseThrow();
    long start = System.nanoTime();
    try {
      List<InetAddress> addresses = List.of(InetAddress.getByName(federation.site(site.id()).orElseThrow().address()));
      String zone = push.zone().orElse(dns.zone().orElse(federation.zone()));
      Message update = ServiceRecordsUpdate.build(zone, dns.services(), addresses, dns.ttl(), site.id(), epoch);
      Message answer = resolver(server).send(update);
      if (answer.getRcode() != Rcode.NOERROR) {
        throw new IllegalStateException("the server answered " + Rcode.string(answer.getRcode()));
      }
      LOG.infof(
          "EMB-DN-010 pushed %s -> %s (epoch %d) to %s in %d ms",
          dns.services(), addresses.get(0).getHostAddress(), epoch, server, (System.nanoTime() - start) / 1_000_000);
    } catch (Exception e) {
      long delay = Math.min(nextDelayMs * 2, push.maxRetryIntervalMs());
      LOG.warnf(
          "EMB-DN-011 pushing the service records of epoch %d to %s failed: %s; retry in %d ms",
          epoch, server, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), nextDelayMs);
      executor.schedule(() -> attempt(epoch, delay), nextDelayMs, TimeUnit.MILLISECONDS);
    }
  }

  private SimpleResolver resolver(String server) throws Exception {
    int colon = server.lastIndexOf(':');
    String host = colon > 0 ? server.substring(0, colon) : server;
    int port = colon > 0 ? Integer.parseInt(server.substring(colon + 1)) : 53;
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getByName(host), port));
    resolver.setTCP(true);
    resolver.setTimeout(Duration.ofMillis(push.timeoutMs()));
    resolver.setTSIGKey(
        TSIG.fromString(push.tsigAlgorithm() + ":" + push.tsigKeyName().orElseThrow() + ":" + push.tsigSecret().orElseThrow()));
    return resolver;
  }
}
