package org.dataembassy.site.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.dataembassy.runtime.replication.ReplicatedCaches;
import org.dataembassy.site.SiteCertificates;
import org.infinispan.manager.EmbeddedCacheManager;
import org.junit.jupiter.api.Test;

/**
 * Anyone may ask for a login challenge, and every site holds a copy of each: an address gets
 * {@code 429} with {@code Retry-After} once it has asked for its burst, and a site holds at most
 * {@code embassy.sessions.max-challenges} of them, however many addresses ask.
 */
@QuarkusTest
@TestProfile(ChallengeLimitsTest.Limits.class)
@QuarkusTestResource(SiteCertificates.class)
class ChallengeLimitsTest {

  public static final class Limits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "embassy.auth.challenge-burst", "60",
          "embassy.auth.challenge-refill", "PT1M",
          "embassy.sessions.max-challenges", "25");
    }
  }

  @Inject EmbeddedCacheManager caches;

  @Test
  void shouldLimitChallengesPerAddressAndHoldABoundedNumber() {
    for (int i = 0; i < 60; i++) {
      given().post("/challenges").then().statusCode(201);
    }
    given().post("/challenges").then().statusCode(429)
        .contentType("application/problem+json")
        .header("Retry-After", notNullValue())
        .body("code", equalTo("rate_limited"));
    assertThat(caches.getCache(ReplicatedCaches.CHALLENGES).size()).as("challenges held").isLessThanOrEqualTo(25);
  }
}
