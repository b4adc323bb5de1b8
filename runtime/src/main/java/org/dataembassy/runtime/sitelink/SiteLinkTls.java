package org.dataembassy.runtime.sitelink;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.dataembassy.runtime.concurrent.DaemonThreads;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.crypto.token.SiteToken;
import org.dataembassy.runtime.config.SiteConfig;
import org.jboss.logging.Logger;
import org.jgroups.util.SocketFactory;

/**
 * Mutual TLS for this site's JGroups links (the control plane's Raft group, cross-site replication):
 * the site presents its site-link certificate and admits only peers whose certificate, from the
 * state CA, names a site of the federation. Keys stay in memory (the key file is owner-only).
 */
@ApplicationScoped
public class SiteLinkTls {

  private static final Logger LOG = Logger.getLogger(SiteLinkTls.class);

  @Inject SiteLinkConfig config;
  @Inject SiteConfig site;
  @Inject FederationConfig federation;
  @Inject SiteToken token;
  @Inject org.dataembassy.runtime.crypto.SiteRevocations revocations;

  private volatile SocketFactory socketFactory;
  private volatile ScheduledExecutorService watchdog;

  /** The socket factory every JGroups transport of this site uses; empty with TLS switched off. */
  public synchronized Optional<SocketFactory> socketFactory() {
    if (!config.tls()) {
      return Optional.empty();
    }
    if (socketFactory == null) {
      watchdog =
          DaemonThreads.scheduler("site-link-handshake-watchdog");
      SSLContext context = sslContext();
      long start = System.nanoTime();
      boolean warm = HandshakeWarmUp.run(context);
      socketFactory = SiteLinkSocketFactory.create(context, config.handshakeTimeoutMs(), watchdog);
      LOG.infof(
          "EMB-RT-030 site links of %s use mutual TLS 1.3 with its state-CA site-link certificate"
              + " (peers admitted: %s; warm-up handshake %s in %d ms)",
          site.id(), federation.siteIds(), warm ? "done" : "failed", (System.nanoTime() - start) / 1_000_000);
    }
    return Optional.of(socketFactory);
  }

  private SSLContext sslContext() {
    try {
      return contextFor(
          SiteLinkCertificates.load(token, site.dataDir(), site.id()),
          federation.siteIds(),
          certificate -> revocations.revoked(certificate) || revocations.siteRevoked(SiteLinkTrustManager.siteNamedBy(certificate)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load this site's site-link certificate", e);
    }
  }

  /** A TLS 1.3 context presenting {@code material} and admitting site-link peers named in {@code sites}. */
  public static SSLContext contextFor(SiteLinkCertificates.Material material, Collection<String> sites) {
    return contextFor(material, sites, certificate -> false);
  }

  /** As {@link #contextFor(SiteLinkCertificates.Material, Collection)}, refusing {@code revoked} peers too. */
  public static SSLContext contextFor(
      SiteLinkCertificates.Material material, Collection<String> sites, java.util.function.Predicate<X509Certificate> revoked) {
    try {
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(
          new KeyManager[] {
            new SiteLinkKeyManager(material.key(), new X509Certificate[] {material.certificate(), material.ca()})
          },
          new TrustManager[] {new SiteLinkTrustManager(material.ca(), sites, revoked)},
          new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS for the site links", e);
    }
  }

  @PreDestroy
  void stop() {
    if (watchdog != null) {
      watchdog.shutdownNow();
    }
  }
}
