package org.dataembassy.dns.query;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dataembassy.dns.zone.ZoneSnapshot;

/**
 * Remembers the answers of a {@link Responder} for the current zone snapshot. The responder is a
 * pure function of the query's bytes after its id, the zone and the transport, and copies the id
 * into the answer unchanged: so the answer to a query equal to an earlier one but for its id is the
 * earlier answer with the new id — no parsing, no building. Most queries a site gets are the same
 * few names. Bounded: a flood of distinct queries only empties the cache (each is then answered by
 * the responder, as without it); a new zone snapshot starts an empty one.
 */
public final class CachingResponder {

  private static final int MAX_ENTRIES = 10_000;
  private static final int MAX_CACHED_QUERY = 512;

  private final Responder responder;
  private volatile Cache cache = new Cache(null);

  public CachingResponder(Responder responder) {
    this.responder = responder;
  }

  private record Cache(ZoneSnapshot zone, ConcurrentHashMap<Key, byte[]> answers) {
    Cache(ZoneSnapshot zone) {
      this(zone, new ConcurrentHashMap<>());
    }
  }

  /** The query without its id, and the transport. */
  private record Key(byte[] rest, boolean tcp) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.tcp == tcp && Arrays.equals(k.rest, rest);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(rest) * 31 + (tcp ? 1 : 0);
    }
  }

  public Optional<byte[]> respond(byte[] packet, int length, ZoneSnapshot zone, boolean tcp) {
    if (length < 12 || length > MAX_CACHED_QUERY) {
      return responder.respond(packet, length, zone, tcp);
    }
    Cache current = cache;
    if (current.zone() != zone) {
      current = new Cache(zone);
      cache = current;
    }
    Key key = new Key(Arrays.copyOfRange(packet, 2, length), tcp);
    byte[] known = current.answers().get(key);
    if (known != null) {
      byte[] answer = known.clone();
      answer[0] = packet[0];
      answer[1] = packet[1];
      return Optional.of(answer);
    }
    Optional<byte[]> answer = responder.respond(packet, length, zone, tcp);
    if (answer.isPresent()) {
      if (current.answers().size() >= MAX_ENTRIES) {
        current.answers().clear();
      }
      current.answers().put(key, answer.get());
    }
    return answer;
  }
}
