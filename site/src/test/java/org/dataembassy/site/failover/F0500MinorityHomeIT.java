package org.dataembassy.site.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dataembassy.site.it.AcknowledgementWindows;
import org.dataembassy.site.it.FederationHarness;
import org.dataembassy.site.it.NetworkLab;
import org.dataembassy.site.it.WriterLoop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.dataembassy.site.it.SiteLogsOnFailure;

/**
 * F0500: one embassy killed, the other cut off (each site in its own network namespace). Home keeps
 * acknowledging writes while it and lux are a majority; once lux is cut off too, home holds no
 * majority and stops (503 with Retry-After, never a hang), and lux, alone, is not promoted either.
 * When lux's link returns home resumes in the same epoch; the killed embassy restarts and catches
 * up. Nothing acknowledged is lost.
 */
@ExtendWith(SiteLogsOnFailure.class)
@Tag("failover")
class F0500MinorityHomeIT {

  static NetworkLab lab;
  static FederationHarness sites;

  @BeforeAll
  static void start() throws Exception {
    lab = NetworkLab.create("f5", 5, List.of("home", "lux", "emb2"));
    sites = new FederationHarness("f0500", lab, List.of());
    sites.startAll();
  }

  @AfterAll
  static void stop() {
    if (sites != null) {
      sites.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void shouldWriteOnlyWhileHomeHoldsAMajority() throws Exception {
    WriterLoop atHome = new WriterLoop(sites, "home", 510, Duration.ofSeconds(150));
    atHome.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> atHome.acknowledged.size() >= 20);

    sites.kill("emb2");
    int afterKill = atHome.acknowledged.size();
    await().atMost(Duration.ofSeconds(20)).until(() -> atHome.acknowledged.size() >= afterKill + 20);
    assertThat(sites.at("home").get("/sites/self").jsonPath().getString("role")).isEqualTo("ACTIVE");

    lab.cut("lux");
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(
        () -> assertThat(sites.at("home").get("/sites/self").jsonPath().getString("role")).isEqualTo("FENCED"));
    int atFencing = atHome.acknowledged.size();
    int failuresAtFencing = atHome.failures.size();
    // writes keep being answered — refused, quickly — and none is acknowledged
    await().atMost(Duration.ofSeconds(15)).until(() -> atHome.failures.size() >= failuresAtFencing + 3);
    assertThat(atHome.acknowledged.size()).as("acknowledged without a majority").isEqualTo(atFencing);
    assertThat(new ArrayList<>(atHome.failures).subList(failuresAtFencing, atHome.failures.size()))
        .allSatisfy(f -> assertThat(f).contains(" 503 ").contains("\"status\":503"));

    lab.heal("lux");
    // a majority again: home renews its lease, or (if the leader had decided before it lost the
    // majority that home was silent) lux takes over and home forwards to it; either way writes
    // through home are acknowledged again
    await().atMost(Duration.ofSeconds(60)).until(() -> atHome.acknowledged.size() >= atFencing + 20);
    atHome.finish();

    sites.start("emb2"); // the killed embassy returns and catches up before it is ready
    AcknowledgementWindows windows = AcknowledgementWindows.of(sites, List.of("home", "lux", "emb2"));
    System.out.println("F0500: acknowledgement windows " + windows);
    windows.assertNoOverlap();
    assertThat(windows.of("emb2")).isEmpty();

    List<String> acknowledged = new ArrayList<>(atHome.acknowledged);
    for (String site : List.of("home", "lux", "emb2")) {
      await().atMost(Duration.ofSeconds(20)).untilAsserted(
          () -> assertThat(sites.at(site).get("/sites/self").jsonPath().getLong("journalSequence"))
              .isGreaterThanOrEqualTo(acknowledged.size()));
      for (String id : acknowledged) {
        sites.at(site).get("/parcels/" + id).then().statusCode(200);
      }
    }
  }
}
