package org.dataembassy.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillReportTest {

  private static final DrillReport.Scenario LOSS =
      new DrillReport.Scenario(DrillKind.LOSS, "home", Instant.parse("2026-12-08T03:00:00Z"), 3_000);

  /** Writes every 100 ms from 0 to 6 s, answered by home until the fault at 3 s, failing until 4.2 s, then by lux. */
  private static List<ProbeSample> samples() {
    List<ProbeSample> samples = new ArrayList<>();
    for (long t = 0; t < 6_000; t += 100) {
      boolean down = t >= 3_000 && t < 4_200;
      samples.add(new ProbeSample(t, "write", "127.0.0.11", down ? -1 : 201, down ? null : (t < 3_000 ? "home" : "lux"), !down));
      samples.add(new ProbeSample(t, "read", "lux", 200, "lux", true));
    }
    samples.add(new ProbeSample(4_300, "stale-read", "emb2", 404, "emb2", false));
    return samples;
  }

  private static List<DrillEvent> events(long firstWriteAt) {
    return List.of(
        new DrillEvent("fault", 3_000, null, "kill -9 of home"),
        new DrillEvent("detection", 3_900, "lux", "epoch 2"),
        new DrillEvent("promotion", 4_000, "lux", "epoch 2"),
        new DrillEvent("dns", 4_100, "lux", "land -> lux"),
        new DrillEvent("dns", 4_300, "emb2", "land -> lux"),
        new DrillEvent("first-write", firstWriteAt, "lux", "x"));
  }

  @Test
  void shouldMeasureRtoFromTheFaultAndPassWithinTheObjectives() {
    DrillReport.Outcome outcome = DrillReport.build(LOSS, 3_000, 6_000, events(4_200), samples(), 48, List.of());
    JsonNode r = outcome.json();
    assertThat(outcome.passed()).isTrue();
    assertThat(r.path("rto").path("detectionMs").asLong()).isEqualTo(900);
    assertThat(r.path("rto").path("firstWriteMs").asLong()).isEqualTo(1_200);
    assertThat(r.path("rto").path("dnsConvergedMs").asLong()).isEqualTo(1_300);
    assertThat(r.path("steadyState").path("writesOk").asInt()).isEqualTo(30);
    assertThat(r.path("staleReads").asInt()).isEqualTo(1);
    assertThat(r.path("failedRequests").path("write").path("write→127.0.0.11").asInt()).isEqualTo(12);
    assertThat(r.path("buckets").get(0).path("sites").path("home").path("ok").asInt()).isEqualTo(1);
  }

  @Test
  void shouldFailOnALateFirstWriteOrALostOne() {
    DrillReport.Outcome late = DrillReport.build(LOSS, 3_000, 9_000, events(7_000), samples(), 48, List.of());
    assertThat(late.passed()).isFalse();
    assertThat(late.findings()).singleElement().asString().contains("4000 ms").contains("3000 ms");
    DrillReport.Outcome lost = DrillReport.build(LOSS, 3_000, 6_000, events(4_200), samples(), 48, List.of("12345:999:0007"));
    assertThat(lost.passed()).isFalse();
    assertThat(lost.json().path("rpo").path("lostParcels").get(0).asText()).isEqualTo("12345:999:0007");
    DrillReport.Outcome never = DrillReport.build(LOSS, 3_000, 6_000, events(4_200).subList(0, 5), samples(), 30, List.of());
    assertThat(never.findings()).containsExactly("no write was acknowledged after the fault");
  }

  @Test
  void shouldDrawTheChartInlineWithTheEventsMarkedAndNothingToFetch() {
    String html = DrillReportHtml.render(DrillReport.build(LOSS, 3_000, 6_000, events(4_200), samples(), 48, List.of()).json());
    assertThat(html).contains("<svg").contains("PASSED").contains("first-write").contains("<title>home: 1 ok</title>")
        .doesNotContain("<script").doesNotContain("src=");
    assertThat(DrillReportHtml.esc("<b>&\"")).isEqualTo("&lt;b&gt;&amp;&quot;");
  }
}
