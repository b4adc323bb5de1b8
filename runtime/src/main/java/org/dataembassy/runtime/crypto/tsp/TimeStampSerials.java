package org.dataembassy.runtime.crypto.tsp;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.dataembassy.runtime.crypto.Digests;

/**
 * Serial numbers of time-stamp tokens, unique across all sites without coordination (RFC 3161
 * §2.4.2): a per-site counter, strictly increasing, seeded at start with the wall clock in
 * microseconds (so a restarted site continues above what it issued unless it issued more than a
 * million tokens a second on average), followed by 32 bits that name the site (from its id; the
 * federation refuses two sites whose tags collide).
 */
public final class TimeStampSerials {

  private final AtomicLong counter;
  private final long siteTag;

  public TimeStampSerials(String siteId, Clock clock) {
    Instant now = clock.instant();
    this.counter = new AtomicLong(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
    this.siteTag = siteTag(siteId);
  }

  /** The 32-bit tag that ends every serial a site issues. */
  public static long siteTag(String siteId) {
    byte[] hash = Digests.sha256(siteId.getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(hash).getInt() & 0xFFFF_FFFFL;
  }

  public BigInteger next() {
    return BigInteger.valueOf(counter.incrementAndGet()).shiftLeft(32).or(BigInteger.valueOf(siteTag));
  }
}
