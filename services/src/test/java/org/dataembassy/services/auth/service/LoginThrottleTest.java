package org.dataembassy.services.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.dataembassy.services.auth.config.AuthConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private Instant now = Instant.parse("2026-11-22T12:00:00Z");
  private final LoginThrottle throttle = new LoginThrottle();

  @BeforeEach
  void setUp() {
    throttle.config =
        new AuthConfig() {
          public Duration challengeLifetime() { return Duration.ofSeconds(60); }
          public int maxFailuresPerCertificate() { return 5; }
          public int maxFailuresPerAddress() { return 20; }
          public Duration failureWindow() { return Duration.ofSeconds(60); }
          public int challengeBurst() { return 20; }
          public Duration challengeRefill() { return Duration.ofSeconds(3); }
        };
    throttle.useClock(new Clock() {
      public ZoneOffset getZone() { return ZoneOffset.UTC; }
      public Clock withZone(java.time.ZoneId zone) { return this; }
      public Instant instant() { return now; }
    });
  }

  @Test
  void shouldThrottleAKeyAfterItsLimitUntilTheOldestFailureLeavesTheWindow() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("certificate:AB");
      now = now.plusSeconds(10);
    }
    assertThat(throttle.waitFor("certificate:AB", 5)).isEmpty();
    throttle.failed("certificate:AB"); // the 5th, at +40 s
    assertThat(throttle.waitFor("certificate:AB", 5)).contains(Duration.ofSeconds(20));
    assertThat(throttle.waitFor("certificate:CD", 5)).as("another key").isEmpty();
    assertThat(throttle.waitFor("certificate:AB", 20)).as("a higher limit").isEmpty();
    now = now.plusSeconds(21);
    assertThat(throttle.waitFor("certificate:AB", 5)).isEmpty();
  }

  @Test
  void shouldForgetAKeyThatLogsInSuccessfully() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("certificate:AB");
    }
    throttle.succeeded("certificate:AB");
    assertThat(throttle.waitFor("certificate:AB", 5)).isEmpty();
  }

  @Test
  void shouldKeepAFailingKeyThroughAFloodOfOthersInBoundedMemory() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("address:10.0.0.1");
    }
    for (int i = 0; i < LoginThrottle.MAX_KEYS * 2; i++) {
      throttle.failed("address:flood-" + i);
      if (i % 10_000 == 0) {
        assertThat(throttle.waitFor("address:10.0.0.1", 5)).as("still throttled while it is used").isPresent();
      }
    }
    assertThat(throttle.trackedKeys()).isLessThanOrEqualTo(LoginThrottle.MAX_KEYS);
  }
}
