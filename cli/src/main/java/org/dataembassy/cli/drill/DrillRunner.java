package org.dataembassy.cli.drill;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.dataembassy.cli.federation.LocalFederation;
import org.dataembassy.cli.federation.SiteClient;

/**
 * Runs one drill against a running federation: its own probe load throughout, a steady state of
 * {@link #STEADY}, the fault, observation until service is restored (a write acknowledged by the
 * new active site and every surviving site's DNS pointing at it) or {@code timeout}, a short tail,
 * then every acknowledged write read back at every surviving site. Prints progress twice a second
 * and leaves {@code report.json} and {@code report.html} in {@code drills/<UTC time>-<kind>/}.
 */
public final class DrillRunner {

  static final Duration STEADY = Duration.ofSeconds(3);
  static final Duration TAIL = Duration.ofSeconds(2);
  private static final Duration READ_BACK = Duration.ofSeconds(10);
  private static final DateTimeFormatter DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final LocalFederation federation;
  private final PrintStream out;

  public DrillRunner(LocalFederation federation, PrintStream out) {
    this.federation = federation;
    this.out = out;
  }

  /** The drills directory beside the data directory. */
  public static Path drillsDir(LocalFederation federation) {
    return federation.layout().dataDir().toAbsolutePath().getParent().resolve("drills");
  }

  public record Result(DrillReport.Outcome outcome, Path dir) {}

  public Result run(DrillKind kind, String subject, long rtoObjectiveMs, Duration timeout, String zone)
      throws IOException, InterruptedException {
    long startNanos = System.nanoTime();
    Instant startedAt = Instant.now();
    String active = federation.awaitActive(Duration.ofSeconds(5))
        .orElseThrow(() -> new IllegalStateException("no site is active: start the federation first"));
    long epoch = federation.selfStatus(active).map(s -> s.path("epoch").asLong()).orElse(0L);
    boolean expectPromotion = kind == DrillKind.SWITCHOVER || subject.equals(active);

    Map<String, String> urls = new LinkedHashMap<>();
    Map<String, String> addresses = new LinkedHashMap<>();
    for (String id : federation.siteIds()) {
      if ((kind == DrillKind.LOSS && id.equals(subject)) || federation.processes().running(id).isEmpty()) {
        continue;
      }
      urls.put(id, federation.layout().url(federation.site(id)));
      addresses.put(id, federation.site(id).address());
    }
    SiteClient observer = SiteClient.trusting(federation.layout().caCertificate())
        .orElseThrow(() -> new IllegalStateException("no state CA: start the federation first"));
    SiteClient operator = SiteClient.asOperator(federation.layout().caCertificate(), federation.layout().operatorDir());
    String serviceName = "land." + zone;
    AtomicInteger rotation = new AtomicInteger();
    List<String> dnsServers = new ArrayList<>(addresses.values());
    ProbeLoad probe = new ProbeLoad(
        operator,
        () -> {
          for (int i = 0; i < dnsServers.size(); i++) {
            String server = dnsServers.get(Math.floorMod(rotation.getAndIncrement(), dnsServers.size()));
            Optional<String> answer = ServiceNames.resolve(server, serviceName, Duration.ofMillis(300));
            if (answer.isPresent()) {
              return answer;
            }
          }
          return Optional.empty();
        },
        () -> addresses,
        federation.layout().httpsPort(),
        startNanos);
    FederationWatch watch = new FederationWatch(observer, urls, addresses, serviceName, () -> ms(startNanos));
    watch.baseline(active, epoch);

    out.printf("Drill %s of %s: active %s (epoch %d); probe writes to %s via the sites' DNS, reads at %s%n",
        kind.id(), subject, active, epoch, serviceName, String.join(", ", addresses.keySet()));
    probe.start();
    observe(watch, probe, "steady", startNanos, ms(startNanos) + STEADY.toMillis(), () -> false);

    long faultAt = ms(startNanos);
    String faultDetail;
    if (kind == DrillKind.LOSS) {
      if (!federation.kill(subject)) {
        probe.stop();
        throw new IllegalStateException("site " + subject + " is not running");
      }
      faultDetail = "kill -9 of " + subject;
    } else {
      SiteClient.Answer answer = federation.switchover(subject);
      if (answer.status() != 200) {
        probe.stop();
        throw new IllegalStateException("the switchover to " + subject + " was refused (HTTP " + answer.status() + "): " + answer.body());
      }
      faultDetail = "planned switchover " + active + " -> " + subject;
    }
    watch.faultAt(faultAt, faultDetail);

    long deadline = faultAt + timeout.toMillis();
    boolean[] wrote = {false};
    observe(watch, probe, "fault", startNanos, deadline, () -> {
      String expected = expectPromotion ? watch.promoted().orElse(null) : active;
      if (!wrote[0] && expected != null) {
        probe.acknowledged().stream()
            .filter(a -> a.atMs() >= faultAt && expected.equals(a.site()))
            .findFirst()
            .ifPresent(a -> {
              wrote[0] = true;
              watch.record(new DrillEvent("first-write", a.atMs(), expected, a.cadastralId()));
            });
      }
      return wrote[0] && (!expectPromotion || watch.dnsConverged());
    });
    if (wrote[0]) {
      watch.record(new DrillEvent("restored", ms(startNanos), watch.activeNow(), "service level restored"));
    }
    observe(watch, probe, "tail", startNanos, ms(startNanos) + TAIL.toMillis(), () -> false);
    probe.stop();
    long endedAt = ms(startNanos);

    out.printf("Reading back %d acknowledged writes at %s%n", probe.acknowledged().size(), String.join(", ", addresses.keySet()));
    List<String> lost = readBack(operator, probe.acknowledged(), addresses, federation.layout().httpsPort());
    DrillReport.Outcome outcome = DrillReport.build(
        new DrillReport.Scenario(kind, subject, startedAt, rtoObjectiveMs), faultAt, endedAt, watch.events(), probe.samples(),
        probe.acknowledged().size(), lost);
    Path dir = drillsDir(federation).resolve(DIR_TIME.format(startedAt) + "-" + kind.id());
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.json"),
        SiteClient.json().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(outcome.json()));
    Files.writeString(dir.resolve("report.html"), DrillReportHtml.render(outcome.json()));
    return new Result(outcome, dir);
  }

  private interface Done {
    boolean now();
  }

  /** Observes every 100 ms until {@code untilMs} or {@code done}, printing progress twice a second. */
  private void observe(FederationWatch watch, ProbeLoad probe, String phase, long startNanos, long untilMs, Done done)
      throws InterruptedException {
    long lastPrint = -1_000;
    while (ms(startNanos) < untilMs) {
      long began = System.nanoTime();
      watch.observe();
      if (done.now()) {
        return;
      }
      long t = ms(startNanos);
      if (t - lastPrint >= 500) {
        lastPrint = t;
        List<ProbeSample> samples = probe.samples();
        out.printf("[%6.1f s] %-6s writes %4d ok / %3d failed   reads %4d ok / %3d failed   active %s%n",
            t / 1000.0, phase, count(samples, "write", true), count(samples, "write", false),
            count(samples, "read", true), count(samples, "read", false), watch.activeNow());
      }
      long left = 100 - (System.nanoTime() - began) / 1_000_000;
      if (left > 0) {
        Thread.sleep(left);
      }
    }
  }

  /** The acknowledged writes some surviving site does not show within {@link #READ_BACK}. */
  private static List<String> readBack(
      SiteClient operator, List<ProbeLoad.Acknowledged> writes, Map<String, String> sites, int httpsPort)
      throws InterruptedException {
    long deadline = System.nanoTime() + READ_BACK.toNanos();
    List<String> lost = new ArrayList<>();
    for (ProbeLoad.Acknowledged write : writes) {
      for (String address : sites.values()) {
        boolean found = false;
        while (!found) {
          found = operator.probe("https://" + address + ":" + httpsPort + "/parcels/" + write.cadastralId(), null, null, Duration.ofSeconds(2)).status() == 200;
          if (!found && System.nanoTime() > deadline) {
            break;
          }
          if (!found) {
            Thread.sleep(100);
          }
        }
        if (!found && !lost.contains(write.cadastralId())) {
          lost.add(write.cadastralId());
        }
      }
    }
    return lost;
  }

  private static long count(List<ProbeSample> samples, String kind, boolean ok) {
    return samples.stream().filter(s -> s.kind().equals(kind) && s.ok() == ok).count();
  }

  private static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
