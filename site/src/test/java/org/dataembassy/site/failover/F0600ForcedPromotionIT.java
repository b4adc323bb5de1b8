package org.dataembassy.site.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dataembassy.cli.federation.SiteClient;
import org.dataembassy.site.it.FederationHarness;
import org.dataembassy.site.it.Parcels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.dataembassy.site.it.SiteLogsOnFailure;

/**
 * F0600: the majority is lost for good (lux and emb2 killed). The operator forces home active
 * (audited, a new control-plane generation); a lost site restarted as it was stays out and
 * exits; restarted with --rejoin it joins the new generation, catches up, and writes are
 * acknowledged again with it as their embassy. Nothing acknowledged before is lost.
 */
@ExtendWith(SiteLogsOnFailure.class)
@Tag("failover")
class F0600ForcedPromotionIT {

  @RegisterExtension
  static final FederationHarness sites = FederationHarness.started("f0600", "127.0.0.81");

  @Test
  void shouldLetTheOperatorForceASurvivorActiveAndTheLostSitesOnlyRejoin() throws Exception {
    List<String> written = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String id = Parcels.id(60, i);
      sites.at("home").contentType(ContentType.JSON).body(Parcels.parcel(id)).post("/parcels")
          .then().statusCode(201);
      written.add(id);
    }
    // the epoch moves on first (home -> lux -> home): the forced promotion then restarts home's
    // Raft group over a log whose first snapshot (taken when home first caught up) is of an older
    // epoch than the state home holds
    assertThat(sites.federation().switchover("lux").status()).isEqualTo(200);
    assertThat(sites.federation().switchover("home").status()).isEqualTo(200);
    long epochBefore = sites.at("home").get("/sites/self").jsonPath().getLong("epoch");
    assertThat(epochBefore).isEqualTo(3);
    sites.kill("lux");
    sites.kill("emb2");
    // no majority: home's lease runs out and it acknowledges nothing
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        sites.at("home").contentType(ContentType.JSON).body(Parcels.parcel(Parcels.id(60, 90)))
            .post("/parcels").then().statusCode(503));

    // as an operator checks first: home's control-plane view has lost both (a forced promotion
    // is refused, 409, while it still counts a majority; the second loss can take a view change longer)
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        sites.at("home").get("/sites/self/control-plane").then().body("connected", equalTo(List.of("home"))));

    // an unconfirmed request changes nothing
    sites.management("home").contentType(ContentType.JSON)
        .body(Map.of("reason", "test")).post("/operator/forced-promotions")
        .then().statusCode(422).contentType("application/problem+json");
    sites.at("home").get("/sites/self/control-plane").then().body("generation", equalTo(0));

    SiteClient.Answer forced = sites.federation().forcePromote("home", "drill: lux and emb2 lost");
    assertThat(forced.status()).as(forced.body()).isEqualTo(200);
    JsonPath outcome = JsonPath.from(forced.body());
    assertThat(outcome.getInt("generation")).isEqualTo(1);
    assertThat(outcome.getList("members", String.class)).containsExactly("home");
    // one more, or two if home's writer opened an epoch itself first after a write it could not acknowledge
    assertThat(outcome.getLong("epoch")).isBetween(epochBefore + 1, epochBefore + 2);

    JsonPath view = sites.at("home").get("/sites/self/control-plane").jsonPath();
    assertThat(view.getInt("generation")).isEqualTo(1);
    assertThat(view.getString("activeSite")).isEqualTo("home");
    Map<String, Object> last = view.getMap("history[-1]");
    assertThat(last).containsEntry("kind", "FORCED").containsEntry("site", "home").containsEntry("decidedBy", "CN=operator,OU=Operators,O=GOV");
    assertThat((String) last.get("reason")).contains("drill: lux and emb2 lost");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(
        () -> sites.at("home").get("/sites/self").then().body("role", equalTo("ACTIVE")));
    // active, but no embassy holds a write: still refused, never acknowledged unreplicated
    sites.at("home").contentType(ContentType.JSON).body(Parcels.parcel(Parcels.id(60, 91)))
        .post("/parcels").then().statusCode(503);

    // lux restarted as it was: it must not rejoin its old generation; it says why and exits
    sites.federation().startMissing(List.of("lux"), List.of());
    await().atMost(Duration.ofSeconds(90)).until(() -> sites.pid("lux").isEmpty());
    Path luxLog = sites.federation().processes().logFile("lux");
    assertThat(Files.readString(luxLog)).contains("EMB-FO-035");
    sites.at("home").get("/sites/self/control-plane").then().body("generation", equalTo(1));

    // lux restarted with --rejoin: joins generation 1 with a fresh Raft log and catches up
    sites.federation().startMissing(List.of("lux"), List.of("embassy.controlplane.rejoin=true"));
    sites.awaitReady("lux");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonPath home = sites.at("home").get("/sites/self/control-plane").jsonPath();
      assertThat(home.getList("members", String.class)).containsExactlyInAnyOrder("home", "lux");
    });
    sites.at("lux").get("/sites/self/control-plane").then().body("generation", equalTo(1));
    // writes are acknowledged again, lux holding them
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        sites.at("home").contentType(ContentType.JSON).body(Parcels.parcel(Parcels.id(60, 92)))
            .header("Idempotency-Key", "f0600-92").post("/parcels").then().statusCode(201));
    written.add(Parcels.id(60, 92));
    sites.at("lux").get("/sites/self").then().body("role", equalTo("STANDBY")).body("activeSite", equalTo("home"));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (String id : written) {
        sites.at("lux").get("/parcels/" + id).then().statusCode(200);
        sites.at("home").get("/parcels/" + id).then().statusCode(200);
      }
    });

    // the second lost site rejoins too; a write is then visible at all three
    sites.federation().startMissing(List.of("emb2"), List.of("embassy.controlplane.rejoin=true"));
    sites.awaitReady("emb2");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(sites.at("home").get("/sites/self/control-plane").jsonPath().getList("members", String.class))
            .containsExactlyInAnyOrder("home", "lux", "emb2"));
    String last3 = Parcels.id(60, 93);
    sites.at("emb2").contentType(ContentType.JSON).body(Parcels.parcel(last3)).post("/parcels")
        .then().statusCode(201).header("Embassy-Site", "home");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (String site : List.of("home", "lux", "emb2")) {
        sites.at(site).get("/parcels/" + last3).then().statusCode(200);
      }
    });
  }
}
