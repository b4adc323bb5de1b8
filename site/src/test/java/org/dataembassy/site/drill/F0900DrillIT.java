package org.dataembassy.site.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dataembassy.site.it.FederationHarness;
import org.dataembassy.site.it.SiteLogsOnFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./embassy drill loss --site home} against three real sites, as an operator runs it: the
 * drill's own probe writes (through the sites' DNS) and reads, a kill -9 of home, and a report
 * that finds lux or emb2 promoted, DNS changed at both, a write acknowledged by the new active
 * site, every acknowledged write read back at both survivors — and a chart. Then a planned
 * switchover drill back to the other embassy, and {@code drill list}.
 */
@ExtendWith(SiteLogsOnFailure.class)
class F0900DrillIT {

  @RegisterExtension
  static final FederationHarness sites = FederationHarness.started("f0900", "127.0.0.131");

  private static JsonNode newestReport(Path drills, String kind) throws Exception {
    try (Stream<Path> runs = Files.list(drills)) {
      Path run = runs.filter(p -> p.getFileName().toString().endsWith("-" + kind)).sorted().reduce((a, b) -> b).orElseThrow();
      assertThat(Files.readString(run.resolve("report.html"))).contains("<svg").doesNotContain("<script").doesNotContain("http://cdn");
      return new ObjectMapper().readTree(Files.readString(run.resolve("report.json")));
    }
  }

  @Test
  void shouldDrillTheLossOfHomeAndReportRtoAndNoLostWrite() throws Exception {
    Path drills = sites.federation().layout().dataDir().toAbsolutePath().getParent().resolve("drills");
    assertThat(sites.embassy("drill", "loss", "--site", "home", "--rto", "10s")).as("the drill met its objectives").isZero();

    JsonNode loss = newestReport(drills, "loss");
    assertThat(loss.path("passed").asBoolean()).isTrue();
    assertThat(loss.path("rpo").path("lost").asInt()).isZero();
    assertThat(loss.path("rpo").path("acknowledgedWrites").asInt()).as("writes before and after the fault").isGreaterThan(20);
    assertThat(loss.path("steadyState").path("writesOk").asInt()).isGreaterThan(10);
    List<String> kinds = loss.path("timeline").findValuesAsText("kind");
    assertThat(kinds).contains("fault", "detection", "promotion", "dns", "first-write", "restored");
    assertThat(loss.path("timeline").findValues("site").stream().map(JsonNode::asText).filter(s -> !s.equals("null")))
        .as("DNS changed at both survivors, never at home").doesNotContain("home");
    long firstWrite = loss.path("rto").path("firstWriteMs").asLong();
    assertThat(firstWrite).isPositive();
    assertThat(loss.path("rto").path("detectionMs").asLong()).isLessThanOrEqualTo(firstWrite);
    assertThat(loss.path("buckets").size()).isGreaterThan(50);

    // a planned switchover to the other embassy, home still down
    String active = sites.federation().activeSite().orElseThrow();
    String other = active.equals("lux") ? "emb2" : "lux";
    assertThat(sites.embassy("drill", "switchover", "--to", other, "--rto", "10s")).isZero();
    JsonNode switchover = newestReport(drills, "switchover");
    assertThat(switchover.path("rpo").path("lost").asInt()).isZero();
    assertThat(sites.federation().activeSite()).contains(other);

    // both are in the federation's audit trail, with who recorded them, at every running site
    for (String site : List.of("lux", "emb2")) {
      var trail = sites.management(site).get("/operator/drills").then().statusCode(200).extract().jsonPath();
      assertThat(trail.getList("kind")).contains("loss", "switchover");
      assertThat(trail.getList("operator", String.class)).allMatch(o -> o.startsWith("CN=operator"));
    }
    assertThat(sites.embassy("drill", "list")).isZero();
    assertThat(sites.embassy("drill", "loss", "--site", "nowhere")).as("an unknown site").isEqualTo(2);
    assertThat(sites.embassy("drill", "isolate", "--site", "lux")).as("no namespaces here").isNotZero();
  }
}
