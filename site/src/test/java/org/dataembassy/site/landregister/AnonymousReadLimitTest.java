package org.dataembassy.site.landregister;

import static io.restassured.RestAssured.given;
import static org.dataembassy.site.TestCitizens.asOperator;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.dataembassy.site.SiteCertificates;
import org.junit.jupiter.api.Test;

/** Cadastral ids can be enumerated: anonymous reads are limited per client address, logged-in ones are not. */
@QuarkusTest
@TestProfile(AnonymousReadLimitTest.Limits.class)
@QuarkusTestResource(SiteCertificates.class)
class AnonymousReadLimitTest {

  public static final class Limits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("embassy.land-register.anonymous-read-burst", "10", "embassy.land-register.anonymous-read-refill", "PT1M");
    }
  }

  @Test
  void shouldLimitAnonymousReadsPerAddressWithRetryAfter() {
    for (int i = 0; i < 10; i++) {
      given().get("/parcels/00000:000:" + String.format("%04d", i)).then().statusCode(404);
    }
    given().get("/parcels/00000:000:0010").then().statusCode(429)
        .contentType("application/problem+json").header("Retry-After", notNullValue()).body("code", equalTo("rate_limited"));
    given().get("/parcels/00000:000:0011/history").then().statusCode(429);
    asOperator().get("/parcels/00000:000:0012").then().statusCode(404); // an operator is not limited
  }
}
