package org.dataembassy.site.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dataembassy.cli.federation.SiteClient;
import org.dataembassy.site.it.FederationHarness;
import org.dataembassy.site.it.Parcels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.dataembassy.site.it.SiteLogsOnFailure;

/**
 * F0400: the killed home site restarts. It never resumes as active on its own: it rejoins as a
 * standby, catches up with what the new active site wrote in the new epoch, reports ready, and
 * only an operator switchover makes it active again.
 */
@ExtendWith(SiteLogsOnFailure.class)
@Tag("failover")
class F0400FailbackIT {

  @RegisterExtension
  static final FederationHarness sites = FederationHarness.started("f0400", "127.0.0.71");

  @Test
  void shouldRejoinAsStandbyCatchUpAndBecomeActiveOnlyBySwitchover() throws Exception {
    List<String> written = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String id = Parcels.id(40, i);
      sites.at("home").contentType(ContentType.JSON).body(Parcels.parcel(id)).post("/parcels")
          .then().statusCode(201);
      written.add(id);
    }
    sites.kill("home");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(
        () -> sites.at("lux").get("/sites/self").then().body("role", equalTo("ACTIVE")));
    for (int i = 6; i <= 15; i++) {
      String id = Parcels.id(40, i);
      sites.at("lux").contentType(ContentType.JSON).body(Parcels.parcel(id)).post("/parcels")
          .then().statusCode(201);
      written.add(id);
    }

    sites.start("home"); // returns once home reports ready: caught up
    sites.at("home").get("/sites/self").then()
        .body("role", equalTo("STANDBY"))
        .body("activeSite", equalTo("lux"))
        .body("epoch", equalTo(2));
    // ready = it holds everything the active site had; the last entries are folded as their
    // successors (a checkpoint) arrive, within moments
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (String id : written) {
        sites.at("home").get("/parcels/" + id).then().statusCode(200);
      }
    });
    // a write sent to the returned home is forwarded to lux
    sites.at("home").contentType(ContentType.JSON).body(Parcels.parcel(Parcels.id(40, 99)))
        .post("/parcels").then().statusCode(201).header("Embassy-Site", "lux");

    SiteClient.Answer back = sites.federation().switchover("home");
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(
        () -> sites.at("home").get("/sites/self").then().body("role", equalTo("ACTIVE")).body("epoch", equalTo(3)));
    sites.at("home").contentType(ContentType.JSON).body(Parcels.parcel(Parcels.id(40, 100)))
        .post("/parcels").then().statusCode(201).header("Embassy-Site", "home");
  }
}
