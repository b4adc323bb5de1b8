package org.dataembassy.cli.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.federation.LocalFederation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ./embassy start SITE [--rejoin]}: starts one site and waits until it has caught up. */
@Command(name = "start", description = "Start a site; returns once it has caught up and is ready.")
public final class StartCommand implements Callable<Integer> {

  @ParentCommand Embassy parent;

  @Parameters(paramLabel = "SITE", description = "home, lux or emb2")
  String site;

  @Option(names = "--timeout", defaultValue = "90", description = "Seconds to wait for readiness.")
  int timeoutSeconds;

  @Option(
      names = "--rejoin",
      description = "Discard the site's Raft log and rejoin the control plane of a forced promotion (./embassy promote --force).")
  boolean rejoin;

  /** Logged by a site that a forced promotion elsewhere superseded: it exits at once. */
  private static final String SUPERSEDED = "EMB-FO-035";

  /** The last line the site logged since {@code from} that names {@code id}, from the id on. */
  static Optional<String> lastLine(Path log, long from, String id) throws IOException {
    if (!Files.exists(log)) {
      return Optional.empty();
    }
    String text;
    try (var in = Files.newInputStream(log)) {
      in.skipNBytes(Math.min(from, Files.size(log)));
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return text.lines().filter(l -> l.contains(id)).reduce((a, b) -> b).map(l -> l.substring(l.indexOf(id)));
  }

  @Override
  public Integer call() throws Exception {
    LocalFederation federation = parent.federation();
    federation.site(site);
    if (federation.processes().running(site).isPresent()) {
      System.err.println("embassy: site " + site + " is already running");
      return Embassy.USAGE_ERROR;
    }
    Instant start = Instant.now();
    Path log = federation.processes().logFile(site);
    long logBefore = Files.exists(log) ? Files.size(log) : 0;
    federation.startMissing(List.of(site), rejoin ? List.of("embassy.controlplane.rejoin=true") : List.of());
    if (!federation.awaitReady(List.of(site), Duration.ofSeconds(timeoutSeconds)).isEmpty()) {
      Optional<String> superseded = lastLine(log, logBefore, SUPERSEDED);
      if (superseded.isPresent()) {
        System.err.println("embassy: " + superseded.get());
        return Embassy.USAGE_ERROR;
      }
      System.err.println(
          "embassy: " + site + " is not ready; see " + federation.processes().logFile(site));
      return 1;
    }
    System.out.printf(
        "Started %s: ready (caught up) in %.1f s%n",
        site, Duration.between(start, Instant.now()).toMillis() / 1000.0);
    return 0;
  }
}
