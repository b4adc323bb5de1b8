package org.dataembassy.runtime.limits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A map of at most {@code capacity} keys that forgets the least recently used one when full: what
 * per-address and per-certificate counters are kept in, so that a flood of new keys (addresses,
 * certificates) costs bounded memory and pushes out idle keys, not all of them at once.
 * Thread-safe; every operation holds the map's lock briefly.
 */
public final class BoundedMap<K, V> {

  private final int capacity;
  private final LinkedHashMap<K, V> map;

  public BoundedMap(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
    this.map =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > BoundedMap.this.capacity;
          }
        };
  }

  public synchronized V get(K key) {
    return map.get(key);
  }

  public synchronized V computeIfAbsent(K key, Function<? super K, ? extends V> make) {
    return map.computeIfAbsent(key, make);
  }

  public synchronized void remove(K key) {
    map.remove(key);
  }

  public synchronized int size() {
    return map.size();
  }

  public int capacity() {
    return capacity;
  }
}
