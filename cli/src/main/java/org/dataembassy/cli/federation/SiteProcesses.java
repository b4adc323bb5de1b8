package org.dataembassy.cli.federation;

import java.io.IOException;
import org.dataembassy.cli.ceremony.KeyCeremonyRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts and stops site processes of a local federation. Each site's PID is kept in {@code
 * data/<site>/site.pid} and its log in {@code data/<site>/site.log}; only processes whose command
 * line shows they are that site's process are ever signalled.
 */
public final class SiteProcesses {

  private final FederationLayout layout;

  public SiteProcesses(FederationLayout layout) {
    this.layout = layout;
  }

  public Path pidFile(String site) {
    return layout.siteDir(site).resolve("site.pid");
  }

  public Path logFile(String site) {
    return layout.siteDir(site).resolve("site.log");
  }

  /** The running process of a site, if any. */
  public Optional<ProcessHandle> running(String site) {
    Path pidFile = pidFile(site);
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isSite(p, site));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the process last started for this site is still alive, whatever its command line says
   * (right after start it may still be {@code setsid} exec'ing the JVM).
   */
  public boolean alive(String site) {
    try {
      long pid = Long.parseLong(Files.readString(pidFile(site)).trim());
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  private boolean isSite(ProcessHandle process, String site) {
    String cmd = process.info().commandLine().orElse("");
    return cmd.contains("-Dembassy.site.id=" + site + " ")
        && cmd.contains(layout.dataDir().toString());
  }

  /** Starts a site in its own session (it outlives this command); returns its PID. */
  public long start(String site, List<String> extraProperties) throws IOException {
    SiteSpec spec =
        layout.site(site).orElseThrow(() -> new IllegalArgumentException("unknown site " + site));
    if (!Files.exists(layout.siteApp())) {
      throw new IOException("the site application is not built: " + layout.siteApp());
    }
    Files.createDirectories(layout.siteDir(site));
    List<String> command = new ArrayList<>();
    command.add("setsid");
    spec.namespace().ifPresent(ns -> command.addAll(List.of("ip", "netns", "exec", ns)));
    command.add(javaBinary());
    command.add("-Xmx" + layout.heap());
    command.add("-XX:+UseSerialGC");
    // Three JVMs start at once on a small machine: C1 only halves the start-up time (docs/benchmarks.md).
    // EMBASSY_SITE_JAVA_OPTS="-XX:TieredStopAtLevel=4" restores the optimising compiler.
    command.add("-XX:TieredStopAtLevel=1");
    Path cds = layout.siteApp().resolveSibling("app-cds.jsa");
    if (Files.exists(cds)) {
      // the AppCDS archive built with the application: less start-up CPU for three sites at once
      command.add("-XX:SharedArchiveFile=" + cds);
      command.add("-Xshare:auto");
    }
    command.add("-Djava.net.preferIPv4Stack=true");
    String javaOptions = System.getenv("EMBASSY_SITE_JAVA_OPTS");
    if (javaOptions != null && !javaOptions.isBlank()) {
      command.addAll(List.of(javaOptions.trim().split("\\s+")));
    }
    command.add("-Dembassy.site.id=" + site);
    command.add("-Dembassy.site.data-dir=" + layout.dataDir());
    command.add("-Dquarkus.http.ssl-port=" + layout.httpsPort());
    command.add("-Dembassy.federation.https-port=" + layout.httpsPort());
    command.add("-Dembassy.federation.initial-active=" + layout.initialActive());
    for (SiteSpec s : layout.sites()) {
      command.add("-Dembassy.federation.sites." + s.id() + ".address=" + s.address());
      command.add("-Dembassy.federation.sites." + s.id() + ".priority=" + s.priority());
    }
    layout.extraProperties().forEach(p -> command.add("-D" + p));
    extraProperties.forEach(p -> command.add("-D" + p));
    // Run from the application's directory: the AppCDS archive records relative class paths.
    command.add("-jar");
    command.add(layout.siteApp().getFileName().toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    // the site's own PKCS#11 token (SoftHSM2 reads its configuration from the environment)
    builder.environment().put("SOFTHSM2_CONF", KeyCeremonyRunner.softHsmConfig(layout.siteDir(site)).toString());
    Process process =
        builder
            .directory(layout.siteApp().getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(site).toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    // setsid (and ip netns exec) exec java in place, so the PID is the JVM's.
    Files.writeString(pidFile(site), process.pid() + "\n");
    return process.pid();
  }

  /** SIGKILL: the hard loss of a site. Returns false if it was not running. */
  public boolean kill(String site) {
    Optional<ProcessHandle> process = running(site);
    process.ifPresent(
        p -> {
          p.destroyForcibly();
          waitForExit(p, Duration.ofSeconds(10));
        });
    return process.isPresent();
  }

  /** SIGTERM, then SIGKILL if it has not stopped within the grace period. */
  public boolean stop(String site, Duration grace) {
    Optional<ProcessHandle> process = running(site);
    process.ifPresent(
        p -> {
          p.destroy();
          if (!waitForExit(p, grace)) {
            p.destroyForcibly();
            waitForExit(p, Duration.ofSeconds(10));
          }
        });
    return process.isPresent();
  }

  private static boolean waitForExit(ProcessHandle p, Duration timeout) {
    try {
      p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !p.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    }
  }

  private static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .filter(c -> c.endsWith("/java"))
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
