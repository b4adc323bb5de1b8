package org.dataembassy.site.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import org.dataembassy.runtime.client.PeerSiteClient;
import org.dataembassy.site.SiteCertificates;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/**
 * The status calls to other sites: a site that cannot be reached opens its own breaker only. In
 * the test profile no site listens at lux's (127.0.0.12) or emb2's (127.0.0.13) address.
 */
@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class PeerSiteClientTest {

  @Inject PeerSiteClient peers;

  @Test
  void shouldStopAskingADeadSiteWithoutGivingUpOnTheOthers() {
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> peers.selfStatus("emb2")).isInstanceOf(IOException.class);
    }
    // emb2's breaker is open: refused at once, without a connection attempt
    assertThatThrownBy(() -> peers.selfStatus("emb2")).isInstanceOf(CircuitBreakerOpenException.class);
    // lux is still asked (and found unreachable in its own right)
    assertThatThrownBy(() -> peers.selfStatus("lux")).isInstanceOf(IOException.class);
  }
}
