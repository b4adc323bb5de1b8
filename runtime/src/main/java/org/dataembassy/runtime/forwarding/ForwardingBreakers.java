package org.dataembassy.runtime.forwarding;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One SmallRye Fault Tolerance circuit breaker per site writes are forwarded to: when most recent
 * attempts to reach a site failed (it could not be connected to, or did not answer in time), writes
 * for it are refused at once (503, retry) for {@value #OPEN_SECONDS} s instead of each waiting for
 * the connect timeout. Only failures to reach the site count: an answer, even a 503, is a success.
 *
 * <p>No retry: a forwarded write may have been applied even when its answer was lost, and only
 * the client's {@code Idempotency-Key} makes a second attempt safe; the client retries. The
 * timeout is the forwarding request's own (10 s).
 */
@ApplicationScoped
public class ForwardingBreakers {

  private static final Logger LOG = Logger.getLogger(ForwardingBreakers.class);
  static final int OPEN_SECONDS = 2;
  private static final TypeLiteral<CompletionStage<Object>> ASYNC = new TypeLiteral<>() {};

  private final Map<String, Guard> guards = new ConcurrentHashMap<>();

  /** Runs {@code send} through the breaker of {@code site}. */
  @SuppressWarnings("unchecked")
  public <T> CompletionStage<T> call(String site, Supplier<CompletionStage<T>> send) {
    Guard guard = guards.computeIfAbsent(site, this::guard);
    return (CompletionStage<T>) guard.get(() -> (CompletionStage<Object>) send.get(), ASYNC);
  }

  private Guard guard(String site) {
    return Guard.create()
        .withDescription("forwarding to " + site)
        .withThreadOffload(false)
        .withCircuitBreaker()
        .name("embassy-forwarding-" + site)
        .requestVolumeThreshold(4)
        .failureRatio(0.75)
        .delay(OPEN_SECONDS, ChronoUnit.SECONDS)
        .successThreshold(1)
        .onStateChange(state -> logChange(site, state))
        .done()
        .build();
  }

  private static void logChange(String site, CircuitBreakerState state) {
    if (state == CircuitBreakerState.OPEN) {
      LOG.warnf("EMB-RT-023 forwarding to %s suspended for %d s: it could not be reached", site, OPEN_SECONDS);
    } else if (state == CircuitBreakerState.CLOSED) {
      LOG.infof("EMB-RT-024 forwarding to %s resumed", site);
    }
  }
}
