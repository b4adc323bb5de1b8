package org.dataembassy.site.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dataembassy.cli.federation.SiteClient;
import org.dataembassy.site.it.FederationHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * F0200: planned switchover home → lux while clients write (one through a standby's forwarding,
 * one straight at home): zero failed requests, zero lost writes; then back lux → home. Operator
 * mistakes are refused and change nothing.
 */
@Tag("failover")
class F0200PlannedSwitchoverIT {

  static FederationHarness sites;

  @BeforeAll
  static void start() throws Exception {
    sites = new FederationHarness("f0200", "127.0.0.61", List.of());
    sites.startAll();
  }

  @AfterAll
  static void stop() {
    if (sites != null) {
      sites.close();
    }
  }

  /** A client writing in a loop at one site, keeping every outcome. */
  static final class Writer extends Thread {
    final String site;
    final int block;
    final AtomicBoolean running = new AtomicBoolean(true);
    final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    Writer(String site, int block) {
      super("writer-" + site);
      this.site = site;
      this.block = block;
    }

    @Override
    public void run() {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
      for (int n = 0; running.get() && Instant.now().isBefore(deadline); n++) {
        String id = String.format("78401:%03d:%04d", block + n / 10_000, n % 10_000);
        Map<String, Object> body =
            Map.of("cadastralId", id, "address", "Tamme 5", "areaM2", 10, "purpose", "residential",
                "owners", List.of(Map.of("personalCode", "38001010009", "name", "Mari", "share", "1/1")));
        try {
          Response r = sites.at(site).contentType(ContentType.JSON).body(body).post("/parcels");
          if (r.statusCode() == 201) {
            acknowledged.add(id);
          } else {
            failures.add(id + " " + r.statusCode() + " " + r.asString());
          }
        } catch (RuntimeException e) {
          failures.add(id + " " + e);
        }
      }
    }
  }

  @Test
  void shouldSwitchOverAndBackWithoutAFailedOrLostWrite() throws Exception {
    Writer throughStandby = new Writer("emb2", 300);
    Writer atHome = new Writer("home", 400);
    throughStandby.start();
    atHome.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> throughStandby.acknowledged.size() >= 20);

    SiteClient.Answer toLux = sites.federation().switchover("lux", "f0200-test");
    assertThat(toLux.status()).as(toLux.body()).isEqualTo(200);
    System.out.println("F0200: switchover home -> lux: " + toLux.body());
    await().atMost(Duration.ofSeconds(5)).untilAsserted(
        () -> sites.at("lux").get("/sites/self").then().body("role", equalTo("ACTIVE")).body("epoch", equalTo(2)));
    int afterFirst = throughStandby.acknowledged.size();
    await().atMost(Duration.ofSeconds(20)).until(() -> throughStandby.acknowledged.size() >= afterFirst + 20);

    SiteClient.Answer back = sites.federation().switchover("home", "f0200-test");
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    System.out.println("F0200: switchover lux -> home: " + back.body());
    int afterSecond = throughStandby.acknowledged.size();
    await().atMost(Duration.ofSeconds(20)).until(() -> throughStandby.acknowledged.size() >= afterSecond + 20);

    throughStandby.running.set(false);
    atHome.running.set(false);
    throughStandby.join(30_000);
    atHome.join(30_000);

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
    assertThat(sites.federation().switchover(active, "f0200-test").status()).isEqualTo(409);
    // without the operator token
    sites.at(active).contentType(ContentType.JSON).body(Map.of("to", "lux"))
        .post("/operator/switchovers").then().statusCode(401).body("code", equalTo("unauthenticated"));
    assertThat(sites.at("home").get("/sites/self").jsonPath().getLong("epoch")).isEqualTo(epoch);
  }
}
