package org.dataembassy.cli.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A drill's report, as an operator hands it to the state's auditors: scenario and objectives, the
 * steady state before the fault, the timeline, RTO (detection, first acknowledged write at the new
 * active site, DNS converged), RPO as acknowledged writes lost, stale reads, failed requests by
 * kind and site, the requests per 100 ms by site for the chart, and pass or fail.
 */
public final class DrillReport {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final int BUCKET_MS = 100;

  private DrillReport() {}

  /** The report and whether the drill met its objectives. */
  public record Outcome(ObjectNode json, boolean passed, List<String> findings) {}

  /** What the drill was, and its objectives. */
  public record Scenario(DrillKind kind, String subject, Instant startedAt, long rtoObjectiveMs) {}

  /**
   * @param faultAtMs when the fault was made, since the drill began
   * @param lost the acknowledged writes not read back at every surviving site
   */
  public static Outcome build(
      Scenario scenario, long faultAtMs, long endedAtMs, List<DrillEvent> events, List<ProbeSample> samples,
      int acknowledged, List<String> lost) {
    ObjectNode report = JSON.createObjectNode();
    report.put("kind", scenario.kind().id()).put("subject", scenario.subject())
        .put("startedAt", scenario.startedAt().toString()).put("durationMs", endedAtMs);
    report.putObject("objectives").put("rtoMs", scenario.rtoObjectiveMs()).put("rpoWritesLost", 0);

    List<ProbeSample> before = samples.stream().filter(s -> s.atMs() < faultAtMs).toList();
    report.putObject("steadyState")
        .put("seconds", faultAtMs / 1000.0)
        .put("writesOk", count(before, "write", true)).put("writesFailed", count(before, "write", false))
        .put("readsOk", count(before, "read", true)).put("readsFailed", count(before, "read", false));

    ArrayNode timeline = report.putArray("timeline");
    for (DrillEvent e : events) {
      timeline.addObject().put("kind", e.kind()).put("atMs", e.atMs()).put("site", e.site()).put("detail", e.detail());
    }

    Optional<Long> detection = first(events, "detection").map(t -> t - faultAtMs);
    Optional<Long> firstWrite = first(events, "first-write").map(t -> t - faultAtMs);
    Optional<Long> dns = events.stream().filter(e -> e.kind().equals("dns")).mapToLong(DrillEvent::atMs).max().stream()
        .boxed().findFirst().map(t -> t - faultAtMs);
    ObjectNode rto = report.putObject("rto");
    putOrNull(rto, "detectionMs", detection);
    putOrNull(rto, "firstWriteMs", firstWrite);
    putOrNull(rto, "dnsConvergedMs", dns);

    report.putObject("rpo").put("acknowledgedWrites", acknowledged).put("lost", lost.size())
        .set("lostParcels", JSON.valueToTree(lost));
    report.put("staleReads", samples.stream().filter(s -> s.kind().equals("stale-read")).count());

    Map<String, Map<String, Integer>> failures = new TreeMap<>();
    for (ProbeSample s : samples) {
      if (!s.ok()) {
        String where = s.kind().equals("write") ? "write→" + (s.site() == null ? "no-dns-answer" : s.site()) : s.site();
        failures.computeIfAbsent(s.kind(), k -> new TreeMap<>()).merge(where, 1, Integer::sum);
      }
    }
    report.set("failedRequests", JSON.valueToTree(failures));
    report.set("buckets", buckets(samples));

    List<String> findings = new java.util.ArrayList<>();
    if (firstWrite.isEmpty()) {
      findings.add("no write was acknowledged after the fault");
    } else if (firstWrite.get() > scenario.rtoObjectiveMs()) {
      findings.add("first acknowledged write after " + firstWrite.get() + " ms, objective " + scenario.rtoObjectiveMs() + " ms");
    }
    if (!lost.isEmpty()) {
      findings.add(lost.size() + " acknowledged write(s) lost");
    }
    boolean passed = findings.isEmpty();
    report.put("passed", passed).set("findings", JSON.valueToTree(findings));
    return new Outcome(report, passed, findings);
  }

  /** Requests per 100 ms: for each bucket, ok and failed by site (writes by the site that answered). */
  static ArrayNode buckets(List<ProbeSample> samples) {
    TreeMap<Long, Map<String, int[]>> buckets = new TreeMap<>();
    TreeSet<String> sites = new TreeSet<>();
    for (ProbeSample s : samples) {
      String site = s.kind().equals("write") ? (s.answeredBy() != null ? s.answeredBy() : "writes") : s.site();
      sites.add(site);
      int[] counts = buckets.computeIfAbsent(s.atMs() / BUCKET_MS * BUCKET_MS, k -> new TreeMap<>())
          .computeIfAbsent(site, k -> new int[2]);
      counts[s.ok() ? 0 : 1]++;
    }
    ArrayNode out = JSON.createArrayNode();
    for (var bucket : buckets.entrySet()) {
      ObjectNode b = out.addObject().put("atMs", bucket.getKey());
      ObjectNode bySite = b.putObject("sites");
      bucket.getValue().forEach((site, c) -> bySite.putObject(site).put("ok", c[0]).put("failed", c[1]));
    }
    return out;
  }

  private static long count(List<ProbeSample> samples, String kind, boolean ok) {
    return samples.stream().filter(s -> s.kind().equals(kind) && s.ok() == ok).count();
  }

  private static Optional<Long> first(List<DrillEvent> events, String kind) {
    return events.stream().filter(e -> e.kind().equals(kind)).map(DrillEvent::atMs).min(Long::compare);
  }

  private static void putOrNull(ObjectNode node, String field, Optional<Long> value) {
    if (value.isPresent()) {
      node.put(field, value.get());
    } else {
      node.putNull(field);
    }
  }
}
