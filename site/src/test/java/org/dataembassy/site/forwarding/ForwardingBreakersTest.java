package org.dataembassy.site.forwarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dataembassy.runtime.forwarding.ForwardingBreakers;
import org.dataembassy.site.SiteCertificates;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/** The forwarding circuit breaker, through SmallRye Fault Tolerance as the site runs it. */
@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class ForwardingBreakersTest {

  @Inject ForwardingBreakers breakers;

  private static CompletionStage<String> unreachable() {
    return CompletableFuture.failedFuture(new ConnectException("Connection refused"));
  }

  private static String outcome(CompletionStage<String> stage) throws Exception {
    return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldStopTryingASiteThatCannotBeReachedAndLeaveOthersAlone() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> outcome(breakers.call("gone", () -> {
            attempts.incrementAndGet();
            return unreachable();
          })))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(ConnectException.class);
    }
    // open: refused at once, the site is not even tried
    assertThatThrownBy(() -> outcome(breakers.call("gone", () -> {
          attempts.incrementAndGet();
          return CompletableFuture.completedFuture("answered");
        })))
        .hasCauseInstanceOf(CircuitBreakerOpenException.class);
    assertThat(attempts).hasValue(4);
    assertThat(CircuitBreakerMaintenance.get().currentState("embassy-forwarding-gone"))
        .isEqualTo(CircuitBreakerState.OPEN);
    // another site's breaker is its own
    assertThat(outcome(breakers.call("there", () -> CompletableFuture.completedFuture("answered"))))
        .isEqualTo("answered");
  }

  @Test
  void shouldCountAnAnswerAsSuccessWhateverItSays() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(outcome(breakers.call("busy", () -> CompletableFuture.completedFuture("503 from the site"))))
          .isEqualTo("503 from the site");
    }
    assertThat(CircuitBreakerMaintenance.get().currentState("embassy-forwarding-busy"))
        .isEqualTo(CircuitBreakerState.CLOSED);
  }
}
