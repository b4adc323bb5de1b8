package org.dataembassy.site.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dataembassy.site.it.AcknowledgementWindows;
import org.dataembassy.site.it.FederationHarness;
import org.dataembassy.site.it.NamespaceWriter;
import org.dataembassy.site.it.NetworkLab;
import org.dataembassy.site.it.WriterLoop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.dataembassy.site.it.SiteLogsOnFailure;

/**
 * F0300: home is cut off from both embassies (each site in its own network namespace; home's link
 * taken down) while a client inside home's namespace keeps writing to it and another writes
 * through emb2. Home stops acknowledging before lux is promoted; when the link returns home is
 * fenced, catches up and becomes a standby. No two sites ever acknowledged writes in overlapping
 * periods (from each site's own record of its acknowledgements); nothing acknowledged is lost.
 */
@ExtendWith(SiteLogsOnFailure.class)
@Tag("failover")
class F0300HomePartitionIT {

  static NetworkLab lab;
  static FederationHarness sites;

  @BeforeAll
  static void start() throws Exception {
    lab = NetworkLab.create("f3", 3, List.of("home", "lux", "emb2"));
    sites = new FederationHarness("f0300", lab, List.of());
    // home first: it then leads the Raft group and the replication bridge, as in production where
    // home runs before any embassy — the harder cut (both need a new coordinator; CI-32, CI-38)
    sites.startAllWithFirst("home");
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
  void shouldFenceAnIsolatedHomeAndNeverHaveTwoSitesAcknowledging() throws Exception {
    WriterLoop throughEmb2 = new WriterLoop(sites, "emb2", 310, Duration.ofSeconds(150));
    throughEmb2.start();
    NamespaceWriter insideHome =
        new NamespaceWriter(
            lab, "home", sites.baseUri("home"), sites.caCertificate().toString(), sites.operatorDir().toString(), 320, 150);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> throughEmb2.acknowledged.size() >= 20 && insideHome.acknowledged.size() >= 20);

    System.out.println("F0300: Raft leader before the cut: "
        + sites.at("lux").get("/sites/self/control-plane").jsonPath().getString("raftLeader"));
    Instant cut = Instant.now();
    lab.cut("home");
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(
        () -> assertThat(sites.at("lux").get("/sites/self").jsonPath().getString("role")).isEqualTo("ACTIVE"));
    System.out.printf("F0300: home cut off → lux ACTIVE after %d ms%n", Duration.between(cut, Instant.now()).toMillis());
    int atPromotion = throughEmb2.acknowledged.size();
    // the new active site takes writes while home, still cut off, is written to in vain
    await().atMost(Duration.ofSeconds(20)).until(() -> throughEmb2.acknowledged.size() >= atPromotion + 20);
    // home's client keeps writing for 2 s more: not one of its writes may be acknowledged
    int homeAcknowledgedWhileCut = insideHome.acknowledged.size();
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
        .until(() -> insideHome.acknowledged.size() == homeAcknowledgedWhileCut);

    lab.heal("home");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      var home = sites.at("home").get("/sites/self").jsonPath();
      assertThat(home.getString("role")).isEqualTo("STANDBY");
      assertThat(home.getString("activeSite")).isEqualTo("lux");
      assertThat(home.getBoolean("caughtUp")).isTrue();
    });
    insideHome.close();
    // home, now a standby, forwards: its own namespace's client reaches lux through it
    int beforeForwarding = throughEmb2.acknowledged.size();
    await().atMost(Duration.ofSeconds(20)).until(() -> throughEmb2.acknowledged.size() >= beforeForwarding + 10);
    throughEmb2.finish();

    AcknowledgementWindows windows = AcknowledgementWindows.of(sites, List.of("home", "lux", "emb2"));
    System.out.println("F0300: acknowledgement windows " + windows);
    windows.assertNoOverlap();
    assertThat(windows.of("home")).allSatisfy(w -> assertThat(w.epoch()).isEqualTo(1));
    // lux acknowledges in epoch 2, or in an epoch it opened for itself after a write it could not
    // acknowledge (RESUME, EMB-JN-041: e.g. while the healing bridge briefly lost an embassy)
    List<Map<String, Object>> history =
        sites.at("lux").get("/sites/self/control-plane").jsonPath().getList("history");
    assertThat(windows.of("lux")).isNotEmpty().allSatisfy(w -> {
      if (w.epoch() != 2) {
        assertThat(history).as("epoch %d in %s", w.epoch(), history).anySatisfy(change -> {
          assertThat(((Number) change.get("epoch")).longValue()).isEqualTo(w.epoch());
          assertThat(change).containsEntry("site", "lux").containsEntry("kind", "RESUME");
        });
      }
    });
    assertThat(windows.of("emb2")).isEmpty();

    List<String> acknowledged = new ArrayList<>(throughEmb2.acknowledged);
    acknowledged.addAll(insideHome.acknowledged);
    for (String site : List.of("home", "lux", "emb2")) {
      await().atMost(Duration.ofSeconds(20)).untilAsserted(
          () -> assertThat(sites.at(site).get("/sites/self").jsonPath().getLong("journalSequence"))
              .isGreaterThanOrEqualTo(acknowledged.size()));
      for (String id : acknowledged) {
        assertThat(sites.at(site).get("/parcels/" + id).statusCode())
            .as("acknowledged parcel %s at %s (home acknowledged %s)", id, site, insideHome.acknowledged.contains(id))
            .isEqualTo(200);
      }
    }
  }
}
