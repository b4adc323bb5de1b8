package org.dataembassy.site.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dataembassy.cli.federation.SiteClient;
import org.dataembassy.site.it.Dig;
import org.dataembassy.site.it.FederationHarness;
import org.dataembassy.site.it.WriterLoop;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.dataembassy.site.it.SiteLogsOnFailure;

/**
 * F0200: planned switchover home → lux while clients write (one through a standby's forwarding,
 * one straight at home): zero failed requests, zero lost writes; then back lux → home. Operator
 * mistakes are refused and change nothing.
 */
@ExtendWith(SiteLogsOnFailure.class)
@Tag("failover")
class F0200PlannedSwitchoverIT {

  @RegisterExtension
  static final FederationHarness sites = FederationHarness.started("f0200", "127.0.0.61");

  @Test
  void shouldSwitchOverAndBackWithoutAFailedOrLostWrite() throws Exception {
    WriterLoop throughStandby = new WriterLoop(sites, "emb2", 300, Duration.ofSeconds(120));
    WriterLoop atHome = new WriterLoop(sites, "home", 400, Duration.ofSeconds(120));
    throughStandby.start();
    atHome.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> throughStandby.acknowledged.size() >= 20);

    long serialBefore = Dig.serial(sites.address("emb2"), Dig.PORT, "gov.example");
    SiteClient.Answer toLux = sites.federation().switchover("lux");
    assertThat(toLux.status()).as(toLux.body()).isEqualTo(200);
    System.out.println("F0200: switchover home -> lux: " + toLux.body());
    await().atMost(Duration.ofSeconds(5)).untilAsserted(
        () -> sites.at("lux").get("/sites/self").then().body("role", equalTo("ACTIVE")).body("epoch", equalTo(2)));
    Dig.awaitEverySiteAnswers(sites, List.of("home", "lux", "emb2"), sites.address("lux"), serialBefore);
    int afterFirst = throughStandby.acknowledged.size();
    await().atMost(Duration.ofSeconds(20)).until(() -> throughStandby.acknowledged.size() >= afterFirst + 20);

    SiteClient.Answer back = sites.federation().switchover("home");
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    System.out.println("F0200: switchover lux -> home: " + back.body());
    int afterSecond = throughStandby.acknowledged.size();
    await().atMost(Duration.ofSeconds(20)).until(() -> throughStandby.acknowledged.size() >= afterSecond + 20);

    throughStandby.finish();
    atHome.finish();

    assertThat(throughStandby.failures).as("failed requests through emb2").isEmpty();
    assertThat(atHome.failures).as("failed requests at home").isEmpty();
    List<String> all = new ArrayList<>(throughStandby.acknowledged);
    all.addAll(atHome.acknowledged);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(
        () -> sites.at("home").get("/sites/self").then().body("role", equalTo("ACTIVE")).body("epoch", equalTo(3)));
    for (String site : List.of("home", "lux", "emb2")) {
      await().atMost(Duration.ofSeconds(20)).untilAsserted(
          () -> assertThat(sites.at(site).get("/sites/self").jsonPath().getLong("journalSequence"))
              .isGreaterThanOrEqualTo(all.size()));
      for (String id : all) {
        sites.at(site).get("/parcels/" + id).then().statusCode(200);
      }
    }
  }

  @Test
  void shouldRefuseOperatorMistakesAndChangeNothing() throws Exception {
    long epoch = sites.at("home").get("/sites/self").jsonPath().getLong("epoch");
    String active = sites.federation().activeSite().orElseThrow();
    assertThat(sites.federation().switchover(active).status()).isEqualTo(409);
    // on the service port: not served there (the management port is)
    sites.at(active).contentType(ContentType.JSON).body(Map.of("to", "lux"))
        .post("/operator/switchovers").then().statusCode(404).body("code", equalTo("management_port"));
    // on the management port with an auditor's certificate: read only
    java.nio.file.Path auditor = sites.federation().layout().dataDir().resolve("people").resolve("auditor-f0200");
    assertThat(sites.embassy("operator", "add", "Audrey Auditor", "--role", "auditor", "--out", auditor.toString())).isZero();
    sites.management(active, auditor).contentType(ContentType.JSON).body(Map.of("to", "lux"))
        .post("/operator/switchovers").then().statusCode(403).body("code", equalTo("forbidden"));
    sites.management(active, auditor).get("/q/metrics").then().statusCode(200);
    assertThat(sites.at("home").get("/sites/self").jsonPath().getLong("epoch")).isEqualTo(epoch);
  }
}
