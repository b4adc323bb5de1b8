package org.dataembassy.runtime.crypto.keys;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import javax.crypto.SecretKey;

/**
 * The state's data keys by version. New ciphertext is sealed under the newest version this site
 * holds; older versions stay readable for as long as anything sealed under them exists. A version
 * this site has not loaded yet (rotated while it ran) is loaded on first use from where the key
 * ceremony delivered it, so a rotation needs no restart anywhere.
 */
public final class DataKeyRing {

  private final Map<Integer, SecretKey> keys = new ConcurrentHashMap<>();
  private final IntFunction<Optional<SecretKey>> loader;
  private volatile int current;

  /**
   * @param loader loads a version delivered to this site (empty if it was not delivered)
   * @param initial the versions delivered so far, at least one
   */
  public DataKeyRing(Map<Integer, SecretKey> initial, IntFunction<Optional<SecretKey>> loader) {
    if (initial.isEmpty()) {
      throw new IllegalArgumentException("a data key ring needs at least one key");
    }
    this.loader = loader;
    keys.putAll(initial);
    current = initial.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
  }

  /** A ring of one key, version 1, that loads nothing more (tests, benchmarks). */
  public static DataKeyRing single(SecretKey key) {
    return new DataKeyRing(Map.of(1, key), version -> Optional.empty());
  }

  /** The version new ciphertext is sealed under. */
  public int currentVersion() {
    return current;
  }

  public SecretKey current() {
    return keys.get(current);
  }

  /** The key of a version, loading it if it was delivered since this site started. */
  public Optional<SecretKey> version(int version) {
    SecretKey key = keys.get(version);
    if (key != null) {
      return Optional.of(key);
    }
    Optional<SecretKey> loaded = loader.apply(version);
    loaded.ifPresent(k -> keys.put(version, k));
    return loaded;
  }

  /**
   * Switches sealing to the newest delivered version, looking for versions above the current one.
   * Returns the version now in use.
   */
  public synchronized int refresh() {
    int next = current + 1;
    while (version(next).isPresent()) {
      current = next;
      next++;
    }
    return current;
  }

  /** The versions loaded so far, for status pages. */
  public OptionalInt oldestLoaded() {
    return keys.keySet().stream().mapToInt(Integer::intValue).min();
  }
}
