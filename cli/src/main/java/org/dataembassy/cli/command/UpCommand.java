package org.dataembassy.cli.command;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.federation.LocalFederation;
import org.dataembassy.cli.federation.SiteSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./embassy up}: starts the local federation. */
@Command(
    name = "up",
    description = "Start the local federation: home (ACTIVE), lux and emb2 (STANDBY).")
public final class UpCommand implements Callable<Integer> {

  @ParentCommand Embassy parent;

  @Option(names = "--detach", description = "Return once all sites are ready; leave them running.")
  boolean detach;

  @Option(
      names = "--timeout",
      description = "Seconds to wait for the sites to be ready (default: ${DEFAULT-VALUE}).",
      defaultValue = "90")
  int timeoutSeconds;

  /** The port every site's DNS server listens on in the local federation (embassy.dns.port). */
  private static final int DNS_PORT = 5353;

  @Override
  public Integer call() throws Exception {
    LocalFederation federation = parent.federation();
    PrintStream out = System.out;
    Instant start = Instant.now();
    List<String> sites = federation.siteIds();
    List<String> started = federation.startMissing(sites, List.of());
    out.printf(
        "Starting %s (already running: %s)%n",
        started.isEmpty() ? "nothing" : String.join(", ", started),
        sites.stream().filter(s -> !started.contains(s)).toList());
    List<String> notReady = federation.awaitReady(sites, Duration.ofSeconds(timeoutSeconds));
    if (!notReady.isEmpty()) {
      System.err.printf(
          "embassy: not ready: %s; see %s%n",
          String.join(", ", notReady),
          federation.processes().logFile(notReady.get(0)));
      return 1;
    }
    out.printf(
        "Federation ready in %.1f s%n", Duration.between(start, Instant.now()).toMillis() / 1000.0);
    for (SiteSpec s : federation.layout().sites()) {
      out.printf(
          "  %-5s %s   (curl --cacert %s --resolve land.gov.example:%d:%s https://land.gov.example:%d/parcels/...)%n",
          s.id(),
          federation.layout().url(s),
          relative(federation),
          federation.layout().httpsPort(),
          s.address(),
          federation.layout().httpsPort());
    }
    out.printf("State CA certificate: %s%n", relative(federation));
    SiteSpec first = federation.layout().sites().get(0);
    out.printf(
        "DNS (every site serves the zone): dig @%s -p %d land.gov.example%n", first.address(), DNS_PORT);
    if (detach) {
      return 0;
    }
    out.println("Running in the foreground; Ctrl-C stops all sites.");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("Stopping the federation...");
                  // the active site last, or the standbys would promote one of them meanwhile
                  LocalFederation.shutdownOrder(sites, federation.activeSite()).forEach(federation::stop);
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  private static String relative(LocalFederation federation) {
    java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
    java.nio.file.Path ca = federation.layout().caCertificate();
    return ca.startsWith(cwd) ? cwd.relativize(ca).toString() : ca.toString();
  }
}
