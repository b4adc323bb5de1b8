package org.dataembassy.runtime.replication;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.dataembassy.runtime.crypto.PayloadCipher;
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
 * cache (an embassy's storage holds ciphertext only); keys are chosen by the caller and must not be
 * secrets themselves (hash a token before using it as a key). Entries expire on their own.
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

  /** Stores a value for {@code lifespan}; 503 if the other sites could not confirm it. */
  public void put(Region region, String key, byte[] value, Duration lifespan) {
    byte[] sealed = cipher.seal(value, associatedData(region, key));
    try {
      cache(region).put(key, sealed, lifespan.toMillis(), TimeUnit.MILLISECONDS);
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

  private Optional<byte[]> open(Region region, String key, byte[] sealed) {
    if (sealed == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(cipher.open(sealed, associatedData(region, key)));
    } catch (GeneralSecurityException e) {
      LOG.errorf("EMB-RP-032 a %s entry does not open with the state data key: ignored", region);
      return Optional.empty();
    }
  }

  private Cache<String, byte[]> cache(Region region) {
    return cacheManager.getCache(region.cache);
  }

  private static String associatedData(Region region, String key) {
    return region.cache + "/" + key;
  }
}
