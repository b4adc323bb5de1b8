package org.dataembassy.runtime.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A token bucket per client address: {@code burst} requests at once, then one every {@code
 * refill}. Addresses are kept in a {@link BoundedMap} (least recently seen forgotten first), so
 * a flood of addresses costs bounded memory. {@link #acquire} says how many seconds to wait when
 * an address has none left — what a {@code 429} answer's {@code Retry-After} carries.
 */
public final class AddressRateLimiter {

  private final int burst;
  private final long refillNanos;
  private final Clock clock;
  private final BoundedMap<String, Bucket> buckets;

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  public AddressRateLimiter(int burst, Duration refill, int maxAddresses, Clock clock) {
    if (burst < 1 || refill.isNegative() || refill.isZero()) {
      throw new IllegalArgumentException("a rate limit needs a burst of at least 1 and a positive refill");
    }
    this.burst = burst;
    this.refillNanos = refill.toNanos();
    this.clock = clock;
    this.buckets = new BoundedMap<>(maxAddresses);
  }

  /** Takes one request's token for {@code address}: empty if allowed, else the seconds to wait. */
  public OptionalLong acquire(String address) {
    long now = nanos();
    Bucket bucket = buckets.computeIfAbsent(address == null ? "" : address, a -> new Bucket(burst, now));
    synchronized (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + (double) (now - bucket.at) / refillNanos);
      bucket.at = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return OptionalLong.empty();
      }
      double missing = 1 - bucket.tokens;
      return OptionalLong.of(Math.max(1, (long) Math.ceil(missing * refillNanos / 1e9)));
    }
  }

  private long nanos() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
