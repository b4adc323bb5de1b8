package org.dataembassy.site.sovereignty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dataembassy.site.it.FederationHarness;
import org.dataembassy.site.it.Parcels;
import org.dataembassy.site.it.SiteLogsOnFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rogue embassy: the host of lux stops Embassy there and runs a program of its own with lux's
 * files — lux's token and PIN, its site-link certificate, its journal key ({@link RogueEmbassy}) —
 * against the real home and emb2. It joins the control plane as "home" (from lux's address, then
 * from home's), and, as lux, submits its own promotion with its own vote. home and emb2 refuse
 * each attempt, count it and log it; home stays active and the federation keeps writing.
 */
@ExtendWith(SiteLogsOnFailure.class)
class RogueEmbassyIT {

  private static final int RAFT_PORT = 7950;

  @RegisterExtension
  static final FederationHarness sites = FederationHarness.started("rogue", "127.0.0.91");

  private final List<Process> rogues = new ArrayList<>();

  @AfterEach
  void stopRogues() {
    rogues.forEach(Process::destroyForcibly);
  }

  @Test
  void shouldRefuseLuxsHostActingAsHomeOrPromotingItself() throws Exception {
    sites.at("home").contentType(ContentType.JSON).body(Parcels.parcel(Parcels.id(91, 1))).post("/parcels")
        .then().statusCode(201);
    sites.kill("lux");

    // (c) lux's files, lux's address, Raft member "home"
    double identityHome = sites.metric("home", "embassy_sitelink_refused_total{reason=\"identity\"}");
    double identityEmb2 = sites.metric("emb2", "embassy_sitelink_refused_total{reason=\"identity\"}");
    Path asHome = rogue("as-home", sites.address("lux"), RAFT_PORT);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(sites.metric("home", "embassy_sitelink_refused_total{reason=\"identity\"}")).isGreaterThan(identityHome);
      assertThat(sites.metric("emb2", "embassy_sitelink_refused_total{reason=\"identity\"}")).isGreaterThan(identityEmb2);
    });
    assertThat(rogues.get(0).isAlive()).as("the rogue still runs: %s", Files.readString(asHome)).isTrue();
    assertThat(sites.connected("home")).containsExactlyInAnyOrder("home", "emb2");
    assertThat(sites.connected("emb2")).containsExactlyInAnyOrder("home", "emb2");
    assertThat(log("emb2")).contains("EMB-SL-003");
    stopRogues();

    // (c') lux's files at home's address (another port: the host cannot take home's own)
    double certificate = sites.metric("emb2", "embassy_sitelink_refused_total{reason=\"certificate\"}");
    rogue("at-home-address", sites.address("home"), RAFT_PORT + 7);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(sites.metric("emb2", "embassy_sitelink_refused_total{reason=\"certificate\"}")).isGreaterThan(certificate));
    assertThat(log("emb2")).contains("EMB-SL-001");
    stopRogues();

    // (d) as lux, its own promotion with its own vote
    JsonPath view = sites.at("home").get("/sites/self/control-plane").jsonPath();
    long epoch = view.getLong("epoch");
    long stored = sites.at("home").get("/sites/self").jsonPath().getLong("storedSequence");
    double refusedHome = sites.metric("home", "embassy_controlplane_promotions_refused_total");
    double refusedEmb2 = sites.metric("emb2", "embassy_controlplane_promotions_refused_total");
    Path promote = rogue("promote-self", sites.address("lux"), RAFT_PORT, Long.toString(epoch), Long.toString(stored));
    await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(Files.readString(promote)).contains("ROGUE promotion"));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(sites.metric("home", "embassy_controlplane_promotions_refused_total")).isGreaterThan(refusedHome);
      assertThat(sites.metric("emb2", "embassy_controlplane_promotions_refused_total")).isGreaterThan(refusedEmb2);
    });
    assertThat(log("home")).contains("EMB-FO-050 promotion of lux");
    for (String site : List.of("home", "emb2")) {
      JsonPath after = sites.at(site).get("/sites/self/control-plane").jsonPath();
      assertThat(after.getString("activeSite")).as(site).isEqualTo("home");
      assertThat(after.getLong("epoch")).as(site).isEqualTo(epoch);
    }
    // the federation keeps writing, acknowledged by emb2
    sites.at("home").contentType(ContentType.JSON).body(Parcels.parcel(Parcels.id(91, 2))).post("/parcels")
        .then().statusCode(201);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        sites.at("emb2").get("/parcels/" + Parcels.id(91, 2)).then().statusCode(200));
  }

  private String log(String site) throws IOException {
    return Files.readString(sites.federation().processes().logFile(site));
  }



  /** Starts {@link RogueEmbassy} with lux's files; its output goes to the returned file. */
  private Path rogue(String mode, String address, int port, String... more) throws IOException {
    Path dataDir = sites.federation().layout().dataDir();
    List<String> ids = List.of("home", "lux", "emb2");
    String hosts = String.join(",", ids.stream().map(id -> sites.address(id) + "[" + RAFT_PORT + "]").toList());
    String addresses = String.join(",", ids.stream().map(id -> id + "=" + sites.address(id)).toList());
    Path out = dataDir.resolve("rogue-" + mode + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m",
        "-Djava.net.preferIPv4Stack=true",
        "-cp", System.getProperty("java.class.path"),
        RogueEmbassy.class.getName(),
        mode, dataDir.toString(), address, Integer.toString(port), hosts, addresses, String.join(",", ids),
        dataDir.resolve("rogue-raft-" + mode).toString()));
    command.addAll(List.of(more));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().put("SOFTHSM2_CONF", dataDir.resolve("lux").resolve("token").resolve("softhsm2.conf").toString());
    Process process = builder.start();
    rogues.add(process);
    return out;
  }
}
