package org.dataembassy.runtime.replication;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.ReplicationConfig;
import org.dataembassy.runtime.config.SessionConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.sitelink.SiteLinkTls;
import org.infinispan.configuration.cache.BackupConfiguration.BackupStrategy;
import org.infinispan.configuration.cache.BackupFailurePolicy;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.eviction.EvictionStrategy;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.parsing.ConfigurationBuilderHolder;
import org.infinispan.configuration.parsing.ParserRegistry;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jboss.logging.Logger;

/**
 * Builds this site's embedded Infinispan: a single-node local cluster with RELAY2 to the other
 * sites, and the replicated caches declared identically at every site. With replication disabled,
 * a plain local cache manager (one site alone).
 */
public class CacheManagerProducer {

  private static final Logger LOG = Logger.getLogger(CacheManagerProducer.class);
  private static final String TEMPLATE = "infinispan-xsite.xml";

  // @Singleton, not @ApplicationScoped: Infinispan's component lookups need the real manager, not
  // a client proxy.
  @Produces
  @Singleton
  EmbeddedCacheManager cacheManager(
      SiteConfig site, FederationConfig federation, ReplicationConfig replication, SiteLinkTls siteLink,
      SessionConfig sessions) {
    long start = System.nanoTime();
    ConfigurationBuilderHolder holder;
    if (replication.enabled()) {
      holder = new ParserRegistry().parse(render(site, federation, replication));
      // every stack of the transport, the RELAY2 bridge to the other sites included
      siteLink.socketFactory().ifPresent(
          factory -> holder.getGlobalConfigurationBuilder().transport().addProperty(JGroupsTransport.SOCKET_FACTORY, factory));
    } else {
      holder = new ConfigurationBuilderHolder();
      holder.getGlobalConfigurationBuilder().cacheContainer().name("embassy");
    }
    declareJournal(holder.newConfigurationBuilder(ReplicatedCaches.JOURNAL), site, federation, replication);
    // bounded: a flood of challenges (anyone may ask) or sessions cannot fill the heap
    declareBackups(holder.newConfigurationBuilder(ReplicatedCaches.CHALLENGES), site, federation, replication)
        .memory().maxCount(sessions.maxChallenges()).whenFull(EvictionStrategy.REMOVE);
    declareBackups(holder.newConfigurationBuilder(ReplicatedCaches.SESSIONS), site, federation, replication)
        .memory().maxCount(sessions.maxSessions()).whenFull(EvictionStrategy.REMOVE);
    DefaultCacheManager manager = new DefaultCacheManager(holder, true);
    // start eagerly, so backups can arrive
    manager.getCache(ReplicatedCaches.JOURNAL);
    manager.getCache(ReplicatedCaches.CHALLENGES);
    manager.getCache(ReplicatedCaches.SESSIONS);
    LOG.infof(
        "EMB-RP-001 Infinispan started for site %s in %d ms (cross-site replication %s)",
        site.id(),
        (System.nanoTime() - start) / 1_000_000,
        replication.enabled() ? "on" : "off");
    return manager;
  }

  void close(@Disposes EmbeddedCacheManager manager) {
    manager.stop();
  }

  static void declareJournal(
      ConfigurationBuilder journal,
      SiteConfig site,
      FederationConfig federation,
      ReplicationConfig replication) {
    Path dir = site.siteDir().toAbsolutePath().resolve("journal");
    declareBackups(journal, site, federation, replication);
    journal
        .persistence()
        .addSoftIndexFileStore()
        .dataLocation(dir.resolve("data").toString())
        .indexLocation(dir.resolve("index").toString());
  }

  /** Synchronous backups to every other site, taken offline by the supervisor only. */
  static ConfigurationBuilder declareBackups(
      ConfigurationBuilder cache,
      SiteConfig site,
      FederationConfig federation,
      ReplicationConfig replication) {
    if (!replication.enabled()) {
      cache.clustering().cacheMode(CacheMode.LOCAL);
      return cache;
    }
    cache.clustering().cacheMode(CacheMode.REPL_SYNC);
    for (String other : federation.siteIds()) {
      if (other.equals(site.id())) {
        continue;
      }
      cache
          .sites()
          .addBackup()
          .site(other)
          .strategy(BackupStrategy.SYNC)
          .backupFailurePolicy(BackupFailurePolicy.FAIL)
          .replicationTimeout(replication.backupTimeoutMs())
          // Automatic take-offline deadlocks when several caches lose a site (FACTS.md):
          // the replication supervisor takes lost sites offline for all caches itself.
          .takeOffline()
          .afterFailures(0)
          .minTimeToWait(0);
    }
    return cache;
  }

  static String render(SiteConfig site, FederationConfig federation, ReplicationConfig replication) {
    String template;
    try (InputStream in = CacheManagerProducer.class.getResourceAsStream(TEMPLATE)) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String address = federation.site(site.id()).orElseThrow(
            () -> new IllegalStateException("site " + site.id() + " is not in embassy.federation.sites"))
        .address();
    String bridgeHosts =
        federation.siteIds().stream()
            .map(id -> federation.sites().get(id).address() + "[" + replication.bridgePort() + "]")
            .collect(Collectors.joining(","));
    String remoteSites =
        federation.siteIds().stream()
            .map(id -> "        <remote-site name=\"" + id + "\"/>")
            .collect(Collectors.joining("\n"));
    return template
        .replace("{{site}}", site.id())
        .replace("{{address}}", address)
        .replace("{{localPort}}", Integer.toString(replication.localPort()))
        .replace("{{bridgePort}}", Integer.toString(replication.bridgePort()))
        .replace("{{bridgeHosts}}", bridgeHosts)
        .replace("{{remoteSites}}", remoteSites)
        .replace("{{sites}}", federation.siteAddresses())
        .replace("{{revocationDir}}", site.siteDir().resolve("pki").toString())
        .replace("{{stateRoot}}", org.dataembassy.runtime.crypto.StateCertificateAuthority.certificateFile(site.dataDir()).toString());
  }
}
