package org.dataembassy.cli.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.federation.LocalFederation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ./embassy start SITE}: starts one site and waits until it has caught up. */
@Command(name = "start", description = "Start a site; returns once it has caught up and is ready.")
public final class StartCommand implements Callable<Integer> {

  @ParentCommand Embassy parent;

  @Parameters(paramLabel = "SITE", description = "home, lux or emb2")
  String site;

  @Option(names = "--timeout", defaultValue = "90", description = "Seconds to wait for readiness.")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    LocalFederation federation = parent.federation();
    federation.site(site);
    if (federation.processes().running(site).isPresent()) {
      System.err.println("embassy: site " + site + " is already running");
      return Embassy.USAGE_ERROR;
    }
    Instant start = Instant.now();
    federation.startMissing(List.of(site), List.of());
    if (!federation.awaitReady(List.of(site), Duration.ofSeconds(timeoutSeconds)).isEmpty()) {
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
