package org.dataembassy.runtime.replication;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.dataembassy.runtime.crypto.PayloadCipher;
import org.dataembassy.runtime.crypto.SiteSignatures;
import org.dataembassy.runtime.crypto.SiteSigner;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;
import org.infinispan.Cache;
import org.infinispan.commons.CacheException;
import org.infinispan.manager.EmbeddedCacheManager;
import org.jboss.logging.Logger;

/**
 * Short-lived state shared by all sites (ARCHITECTURE §3): login challenges and citizen sessions,
 * in caches backed up synchronously to the other sites, so a citizen logged in before a failover
 * is still logged in after it. Values are sealed with the state's data key before they reach the
 * cache (an embassy's storage holds ciphertext only), and signed by the site that wrote them with
 * its own key: a value another site did not sign — put into the cache by someone holding the data
 * key but not that site's token — is refused when read ({@code EMB-RP-033}). Keys are chosen by the
 * caller and must not be secrets themselves (hash a token before using it as a key). Entries
 * expire on their own. Stored form: {@code 0x01 | site length | site | signature length (2) |
 * signature | sealed value}.
 */
@ApplicationScoped
public class ShortLivedStore {

  private static final Logger LOG = Logger.getLogger(ShortLivedStore.class);
  private static final int RETRY_AFTER_SECONDS = 2;

  /** The kinds of short-lived state, each in a cache of its own. */
  public enum Region {
    CHALLENGES(ReplicatedCaches.CHALLENGES),
    SESSIONS(ReplicatedCaches.SESSIONS);

    private final String cache;

    Region(String cache) {
      this.cache = cache;
    }
  }

  @Inject EmbeddedCacheManager cacheManager;
  @Inject PayloadCipher cipher;
  @Inject SiteSigner signer;
  @Inject SiteSignatures signatures;
  @Inject MeterRegistry metrics;

  private static final byte FORMAT = 1;

  /** Stores a value for {@code lifespan}; 503 if the other sites could not confirm it. */
  public void put(Region region, String key, byte[] value, Duration lifespan) {
    byte[] sealed = cipher.seal(value, associatedData(region, key));
    byte[] stored = signed(region, key, sealed);
    try {
      cache(region).put(key, stored, lifespan.toMillis(), TimeUnit.MILLISECONDS);
    } catch (CacheException e) {
      LOG.warnf("EMB-RP-030 %s entry not confirmed by the other sites: %s", region, e.getClass().getSimpleName());
      throw new ProblemException(
          CommonProblem.REPLICATION_UNAVAILABLE,
          "The other sites could not confirm the " + region.name().toLowerCase(java.util.Locale.ROOT) + " entry; retry shortly.",
          java.util.List.of(),
          RETRY_AFTER_SECONDS);
    }
  }

  public Optional<byte[]> get(Region region, String key) {
    return open(region, key, cache(region).get(key));
  }

  /** Removes and returns the value: at most one caller gets it (single use). */
  public Optional<byte[]> take(Region region, String key) {
    try {
      return open(region, key, cache(region).remove(key));
    } catch (CacheException e) {
      LOG.warnf("EMB-RP-031 %s entry removal not confirmed by the other sites: %s", region, e.getClass().getSimpleName());
      return Optional.empty(); // removed here; its copies expire
    }
  }

  public void remove(Region region, String key) {
    take(region, key);
  }

  private Optional<byte[]> open(Region region, String key, byte[] stored) {
    if (stored == null) {
      return Optional.empty();
    }
    byte[] sealed = verified(region, key, stored);
    if (sealed == null) {
      metrics.counter("embassy.replicated.values.refused", "region", region.name().toLowerCase(java.util.Locale.ROOT)).increment();
      LOG.errorf("EMB-RP-033 a %s entry is not signed by a site of the federation: refused", region);
      return Optional.empty();
    }
    try {
      return Optional.of(cipher.open(sealed, associatedData(region, key)));
    } catch (GeneralSecurityException e) {
      LOG.errorf("EMB-RP-032 a %s entry does not open with the state data key: ignored", region);
      return Optional.empty();
    }
  }

  private byte[] signed(Region region, String key, byte[] sealed) {
    byte[] site = signer.site().getBytes(StandardCharsets.US_ASCII);
    byte[] signature = signer.sign(message(region, key, signer.site(), sealed)).getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(1 + 1 + site.length + 2 + signature.length + sealed.length)
        .put(FORMAT).put((byte) site.length).put(site)
        .putShort((short) signature.length).put(signature).put(sealed)
        .array();
  }

  /** The sealed value, if a site of the federation signed it for this place; null otherwise. */
  private byte[] verified(Region region, String key, byte[] stored) {
    try {
      ByteBuffer in = ByteBuffer.wrap(stored);
      if (in.get() != FORMAT) {
        return null;
      }
      byte[] site = new byte[in.get() & 0xff];
      in.get(site);
      byte[] signature = new byte[in.getShort() & 0xffff];
      in.get(signature);
      byte[] sealed = new byte[in.remaining()];
      in.get(sealed);
      String siteId = new String(site, StandardCharsets.US_ASCII);
      return signatures.signedBy(siteId, message(region, key, siteId, sealed), new String(signature, StandardCharsets.US_ASCII))
          ? sealed
          : null;
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      return null;
    }
  }

  /** What the writing site signs: domain-separated from journal entries (whose hashes are hex). */
  private static byte[] message(Region region, String key, String site, byte[] sealed) {
    byte[] head = ("short-lived|" + region.cache + "/" + key + "|" + site + "|").getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(head.length + sealed.length).put(head).put(sealed).array();
  }

  private Cache<String, byte[]> cache(Region region) {
    return cacheManager.getCache(region.cache);
  }

  private static String associatedData(Region region, String key) {
    return region.cache + "/" + key;
  }
}
