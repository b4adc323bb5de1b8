package org.dataembassy.runtime.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AddressRateLimiterTest {

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-12-08T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void shouldAllowABurstThenOneARefillAndSayHowLongToWait() {
    TestClock clock = new TestClock();
    AddressRateLimiter limiter = new AddressRateLimiter(3, Duration.ofSeconds(2), 100, clock);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("10.0.0.1")).as("request %d of the burst", i).isEmpty();
    }
    assertThat(limiter.acquire("10.0.0.1")).isEqualTo(OptionalLong.of(2));
    assertThat(limiter.acquire("10.0.0.2")).as("another address has its own bucket").isEmpty();
    clock.now = clock.now.plusSeconds(1);
    assertThat(limiter.acquire("10.0.0.1")).isEqualTo(OptionalLong.of(1));
    clock.now = clock.now.plusSeconds(1);
    assertThat(limiter.acquire("10.0.0.1")).as("one token back after a refill").isEmpty();
    assertThat(limiter.acquire("10.0.0.1")).isPresent();
    clock.now = clock.now.plusSeconds(60);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("10.0.0.1")).as("never more than the burst, however long idle").isEmpty();
    }
    assertThat(limiter.acquire("10.0.0.1")).isPresent();
  }

  @Test
  void shouldKeepAtMostTheGivenNumberOfAddresses() {
    BoundedMap<String, Integer> map = new BoundedMap<>(1000);
    for (int i = 0; i < 100_000; i++) {
      map.computeIfAbsent("addr-" + i, k -> 1);
    }
    assertThat(map.size()).isEqualTo(1000);
    assertThat(map.get("addr-99999")).as("the newest are kept").isEqualTo(1);
    assertThat(map.get("addr-0")).as("the oldest forgotten").isNull();
  }
}
