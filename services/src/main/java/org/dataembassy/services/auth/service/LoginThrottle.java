package org.dataembassy.services.auth.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.dataembassy.runtime.limits.BoundedMap;
import org.dataembassy.services.auth.config.AuthConfig;

/**
 * Counts failed logins per client address, and per certificate from an address, over a sliding
 * window, at this site: after {@code max-failures} a key waits until its oldest counted failure
 * leaves the window. Keys are opaque; at most {@value #MAX_KEYS} are kept, the least recently used
 * forgotten first (a flood of addresses pushes out idle keys, never a busy one).
 */
@ApplicationScoped
public class LoginThrottle {

  /** Beyond this many tracked keys the least recently used are dropped (bounded memory). */
  static final int MAX_KEYS = 100_000;

  @Inject AuthConfig config;

  private final BoundedMap<String, Deque<Instant>> failures = new BoundedMap<>(MAX_KEYS);
  private Clock clock = Clock.systemUTC();

  void useClock(Clock clock) {
    this.clock = clock;
  }

  /** How long the key must wait, if it has failed {@code maxFailures} times within the window. */
  public Optional<Duration> waitFor(String key, int maxFailures) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return Optional.empty();
    }
    synchronized (times) {
      Instant now = clock.instant();
      prune(times, now);
      if (times.size() < maxFailures) {
        return Optional.empty();
      }
      Duration wait = Duration.between(now, times.peekFirst().plus(config.failureWindow()));
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }
  }

  public void failed(String key) {
    Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      Instant now = clock.instant();
      prune(times, now);
      times.addLast(now);
    }
  }

  /** How many keys are tracked (never more than {@link #MAX_KEYS}). */
  int trackedKeys() {
    return failures.size();
  }

  public void succeeded(String key) {
    failures.remove(key);
  }

  private void prune(Deque<Instant> times, Instant now) {
    Instant horizon = now.minus(config.failureWindow());
    while (!times.isEmpty() && times.peekFirst().isBefore(horizon)) {
      times.pollFirst();
    }
  }
}
