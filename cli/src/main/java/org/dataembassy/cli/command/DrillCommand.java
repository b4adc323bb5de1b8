package org.dataembassy.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.drill.DrillKind;
import org.dataembassy.cli.drill.DrillRunner;
import org.dataembassy.cli.federation.LocalFederation;
import org.dataembassy.cli.federation.SiteClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./embassy drill loss|switchover|isolate|list}: failover drills with a report. */
@Command(
    name = "drill",
    description = "Failover drills against the running federation, with their own probe load and a report"
        + " (drills/<UTC time>-<kind>/report.json and report.html). A failed objective exits 1.",
    subcommands = {DrillCommand.Loss.class, DrillCommand.Switchover.class, DrillCommand.Isolate.class, DrillCommand.ListDrills.class})
public final class DrillCommand {

  @ParentCommand Embassy parent;

  /** What every drill takes. */
  static class Objectives {
    @Option(names = "--rto", description = "RTO objective: first acknowledged write after the fault (default ${DEFAULT-VALUE})", defaultValue = "3s")
    String rto;

    @Option(names = "--timeout", description = "Give up waiting for recovery after this (default ${DEFAULT-VALUE})", defaultValue = "30s")
    String timeout;

    @Option(names = "--zone", description = "The federation's zone (default ${DEFAULT-VALUE})", defaultValue = "gov.example")
    String zone;
  }

  static Integer run(DrillCommand command, DrillKind kind, String site, Objectives objectives) {
    LocalFederation federation = command.parent.federation();
    if (!federation.siteIds().contains(site)) {
      System.err.println("embassy: no site " + site + " in this federation (" + String.join(", ", federation.siteIds()) + ")");
      return Embassy.USAGE_ERROR;
    }
    Duration rto;
    Duration timeout;
    try {
      rto = duration(objectives.rto);
      timeout = duration(objectives.timeout);
    } catch (IllegalArgumentException e) {
      System.err.println("embassy: " + e.getMessage());
      return Embassy.USAGE_ERROR;
    }
    try {
      DrillRunner.Result result = new DrillRunner(federation, System.out).run(kind, site, rto.toMillis(), timeout, objectives.zone);
      JsonNode report = result.outcome().json();
      System.out.printf("%s: detection %s, first write %s, DNS converged %s; %d acknowledged writes, %d lost; %d stale reads%n",
          result.outcome().passed() ? "PASSED" : "FAILED", ms(report.path("rto").path("detectionMs")),
          ms(report.path("rto").path("firstWriteMs")), ms(report.path("rto").path("dnsConvergedMs")),
          report.path("rpo").path("acknowledgedWrites").asInt(), report.path("rpo").path("lost").asInt(), report.path("staleReads").asInt());
      result.outcome().findings().forEach(f -> System.out.println("  - " + f));
      System.out.println("Report: " + result.dir().resolve("report.html"));
      record(federation, report);
      if (kind == DrillKind.LOSS) {
        System.out.println("(" + site + " stays down: ./embassy start " + site + " brings it back)");
      }
      return result.outcome().passed() ? 0 : 1;
    } catch (IllegalStateException | IOException e) {
      System.err.println("embassy: drill not run: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** The drill's outcome into the federation's audit trail (a journal entry every site holds). */
  private static void record(LocalFederation federation, JsonNode report) {
    var body = SiteClient.json().createObjectNode()
        .put("kind", report.path("kind").asText()).put("subject", report.path("subject").asText())
        .put("startedAt", report.path("startedAt").asText()).put("passed", report.path("passed").asBoolean())
        .put("acknowledgedWrites", report.path("rpo").path("acknowledgedWrites").asInt())
        .put("lostWrites", report.path("rpo").path("lost").asInt());
    body.set("firstWriteMs", report.path("rto").path("firstWriteMs"));
    try {
      SiteClient.Answer answer = federation.recordDrill(body.toString(), "drill-" + report.path("startedAt").asText());
      if (answer.status() == 201 || answer.status() == 200) {
        System.out.println("Recorded in the audit trail (journal sequence " + SiteClient.parse(answer.body()).path("sequence").asText() + ")");
      } else {
        System.err.println("embassy: the drill was not recorded in the audit trail (HTTP " + answer.status() + ")");
      }
    } catch (IOException | IllegalStateException e) {
      System.err.println("embassy: the drill was not recorded in the audit trail: " + e.getMessage());
    }
  }

  static Duration duration(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("a duration is like 3s or 1500ms, not '" + text + "'");
  }

  private static String ms(JsonNode value) {
    return value.isNull() || value.isMissingNode() ? "—" : value.asLong() + " ms";
  }

  @Command(name = "loss", description = "kill -9 a site during probe load; measures detection, promotion, DNS, first write, lost writes.")
  static final class Loss implements Callable<Integer> {
    @ParentCommand DrillCommand command;

    @Option(names = "--site", required = true, description = "the site to lose")
    String site;

    @picocli.CommandLine.Mixin Objectives objectives = new Objectives();

    @Override
    public Integer call() {
      return run(command, DrillKind.LOSS, site, objectives);
    }
  }

  @Command(name = "switchover", description = "A planned switchover to a site during probe load.")
  static final class Switchover implements Callable<Integer> {
    @ParentCommand DrillCommand command;

    @Option(names = "--to", required = true, description = "the site to make active")
    String to;

    @picocli.CommandLine.Mixin Objectives objectives = new Objectives();

    @Override
    public Integer call() {
      return run(command, DrillKind.SWITCHOVER, to, objectives);
    }
  }

  @Command(name = "isolate", description = "Cut a site off the network during probe load (needs the sites in network namespaces).")
  static final class Isolate implements Callable<Integer> {
    @ParentCommand DrillCommand command;

    @Option(names = "--site", required = true, description = "the site to cut off")
    String site;

    @Override
    public Integer call() {
      boolean root = "root".equals(System.getProperty("user.name"));
      System.err.println(root
          ? "embassy: drill isolate needs a federation whose sites run in network namespaces of their own; the local"
              + " federation runs on the host's loopback, where no site can be cut off alone (the partition tests F0300/F0500"
              + " start one in namespaces)"
          : "embassy: drill isolate needs root: it cuts a site off in a network namespace (run it as root, in a federation"
              + " started in namespaces)");
      return Embassy.USAGE_ERROR;
    }
  }

  @Command(name = "list", description = "The drills run here, newest last, with their outcome.")
  static final class ListDrills implements Callable<Integer> {
    @ParentCommand DrillCommand command;

    @Override
    public Integer call() throws IOException {
      LocalFederation federation = command.parent.federation();
      var recorded = federation.recordedDrills();
      if (recorded.isPresent()) {
        System.out.printf("%-8s %-22s %-11s %-6s %-7s %-12s %-6s %s%n", "sequence", "started (UTC)", "kind", "site", "result",
            "first write", "lost", "recorded by");
        for (JsonNode d : recorded.get()) {
          System.out.printf("%-8s %-22s %-11s %-6s %-7s %-12s %-6s %s%n", d.path("sequence").asText(),
              d.path("startedAt").asText().substring(0, Math.min(19, d.path("startedAt").asText().length())),
              d.path("kind").asText(), d.path("subject").asText(), d.path("passed").asBoolean() ? "passed" : "FAILED",
              ms(d.path("firstWriteMs")), d.path("lostWrites").asInt(), d.path("operator").asText());
        }
        System.out.println("(the federation's audit trail; reports in " + DrillRunner.drillsDir(federation) + ")");
        return 0;
      }
      System.out.println("No site answers: the reports kept here");
      Path dir = DrillRunner.drillsDir(federation);
      if (!Files.isDirectory(dir)) {
        System.out.println("No drills yet (" + dir + ")");
        return 0;
      }
      List<Path> runs;
      try (Stream<Path> list = Files.list(dir)) {
        runs = list.filter(p -> Files.exists(p.resolve("report.json"))).sorted().toList();
      }
      System.out.printf("%-22s %-11s %-6s %-7s %-12s %-10s %s%n", "started (UTC)", "kind", "site", "result", "first write", "lost", "report");
      for (Path run : runs) {
        JsonNode r = SiteClient.parse(Files.readString(run.resolve("report.json")));
        System.out.printf("%-22s %-11s %-6s %-7s %-12s %-10s %s%n", r.path("startedAt").asText().substring(0, 19),
            r.path("kind").asText(), r.path("subject").asText(), r.path("passed").asBoolean() ? "passed" : "FAILED",
            ms(r.path("rto").path("firstWriteMs")), r.path("rpo").path("lost").asInt(), run.resolve("report.html"));
      }
      return 0;
    }
  }
}
