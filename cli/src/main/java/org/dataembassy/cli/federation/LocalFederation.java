package org.dataembassy.cli.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.dataembassy.cli.ceremony.KeyCeremonyRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * A local federation of site processes on one machine: what {@code ./embassy} and the
 * multi-process tests use to start, stop, kill and inspect sites.
 */
public final class LocalFederation {

  private static final Duration POLL = Duration.ofMillis(200);

  private final FederationLayout layout;
  private final SiteProcesses processes;

  public LocalFederation(FederationLayout layout) {
    this.layout = layout;
    this.processes = new SiteProcesses(layout);
  }

  public FederationLayout layout() {
    return layout;
  }

  public SiteProcesses processes() {
    return processes;
  }

  public SiteSpec site(String id) {
    return layout
        .site(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown site '"
                        + id
                        + "': the sites are "
                        + String.join(", ", layout.sites().stream().map(SiteSpec::id).toList())));
  }

  /**
   * Starts the sites that are not running; returns the ones it started. Sites that have no token,
   * keys or certificates yet get them from the key ceremony first.
   */
  public List<String> startMissing(List<String> sites, List<String> extraProperties)
      throws IOException {
    sites.forEach(this::site);
    // the whole federation at once: every site needs every other site's journal certificate
    new KeyCeremonyRunner(layout).ensure(siteIds());
    List<String> started = new ArrayList<>();
    for (String id : sites) {
      site(id);
      if (processes.running(id).isEmpty()) {
        processes.start(id, extraProperties);
        started.add(id);
      }
    }
    return started;
  }

  /**
   * Waits until every given site answers ready, or the deadline passes; returns the sites still not
   * ready. Gives up early on a site whose process died.
   */
  public List<String> awaitReady(List<String> sites, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    List<String> pending = new ArrayList<>(sites);
    while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
      Optional<SiteClient> client = SiteClient.trusting(layout.caCertificate());
      if (client.isPresent()) {
        pending.removeIf(id -> client.get().ready(layout.url(site(id))));
      }
      if (pending.stream().anyMatch(id -> !processes.alive(id))) {
        break;
      }
      if (!pending.isEmpty()) {
        LockSupport.parkNanos(POLL.toNanos());
      }
    }
    return pending;
  }

  /** This site's own view of itself ({@code GET /sites/self}), if it answers. */
  public Optional<JsonNode> selfStatus(String id) {
    return SiteClient.trusting(layout.caCertificate())
        .flatMap(c -> c.json(layout.url(site(id)) + "/sites/self"));
  }

  /** The site's view of the control plane ({@code GET /sites/self/control-plane}), if it answers. */
  public Optional<JsonNode> controlPlane(String id) {
    return SiteClient.trusting(layout.caCertificate())
        .flatMap(c -> c.json(layout.url(site(id)) + "/sites/self/control-plane"));
  }

  /** The site that reports itself ACTIVE within {@code patience}, if any. */
  public Optional<String> awaitActive(Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    Optional<String> active = activeSite();
    while (active.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      active = activeSite();
    }
    return active;
  }

  /** The site that reports itself ACTIVE, if any answers so. */
  public Optional<String> activeSite() {
    return siteIds().stream()
        .filter(id -> selfStatus(id).map(s -> "ACTIVE".equals(s.path("role").asText())).orElse(false))
        .findFirst();
  }

  /**
   * Asks the active site to hand over to {@code target}. Right after a switchover or a failover the
   * new active site takes a moment to hold its lease: up to 5 s is allowed for one to say so.
   */
  public SiteClient.Answer switchover(String target) throws IOException {
    site(target);
    String active = awaitActive(Duration.ofSeconds(5))
        .orElseThrow(() -> new IllegalStateException("no site is active right now"));
    String body = SiteClient.json().createObjectNode().put("to", target).toString();
    return operatorClient().postJson(layout.managementUrl(site(active)) + "/operator/switchovers", body);
  }

  /** Asks {@code id} itself to take over by forced promotion (the majority is lost). */
  public SiteClient.Answer forcePromote(String id, String reason) throws IOException {
    site(id);
    // the operator signs an order for exactly this site and the control plane's next generation
    int generation =
        controlPlane(id)
            .map(view -> view.path("generation").asInt())
            .orElseThrow(() -> new IllegalStateException("site " + id + " does not answer with its control plane"));
    OperatorKey operator = OperatorKey.load(layout.operatorDir());
    long at = System.currentTimeMillis();
    // OperatorOrder.statement (failover module, not a dependency of the CLI): F0600 proves they agree
    String signed = "embassy-forced-promotion|v1|" + id + "|" + (generation + 1) + "|" + reason + "|" + at;
    var body = SiteClient.json().createObjectNode().put("force", true).put("reason", reason);
    body.putObject("order")
        .put("site", id)
        .put("generation", generation + 1)
        .put("reason", reason)
        .put("atMillis", at)
        .put("certificate", operator.certificateBase64())
        .put("signature", operator.sign(signed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return operatorClient().postJson(layout.managementUrl(site(id)) + "/operator/forced-promotions", body.toString());
  }

  /**
   * An operator write to the registers ({@code POST path} with a JSON body), sent to the active
   * site, or to any running site if none reports itself active (standbys forward writes).
   */
  public SiteClient.Answer operatorWrite(String path, String json) throws IOException {
    String target =
        activeSite()
            .or(() -> siteIds().stream().filter(id -> selfStatus(id).isPresent()).findFirst())
            .orElseThrow(() -> new IllegalStateException("no site is running: start the federation with ./embassy up"));
    return operatorClient().postJson(layout.url(site(target)) + path, json, java.util.UUID.randomUUID().toString());
  }

  /**
   * Records a drill's outcome in the federation's audit trail: journaled at the active site (on
   * its management port), held by every site.
   */
  public SiteClient.Answer recordDrill(String json, String idempotencyKey) throws IOException {
    String active = awaitActive(Duration.ofSeconds(5))
        .orElseThrow(() -> new IllegalStateException("no site is active to record the drill"));
    return operatorClient().postJson(layout.managementUrl(site(active)) + "/operator/drills", json, idempotencyKey);
  }

  /** The drills recorded in the audit trail, as the first running site answers (management port). */
  public Optional<JsonNode> recordedDrills() throws IOException {
    SiteClient client = operatorClient();
    for (String id : siteIds()) {
      if (processes().running(id).isPresent()) {
        Optional<JsonNode> drills = client.json(layout.managementUrl(site(id)) + "/operator/drills");
        if (drills.isPresent()) {
          return drills;
        }
      }
    }
    return Optional.empty();
  }

  /** Tells a site to seal with the newest data key version delivered to it. */
  public SiteClient.Answer useNewestDataKey(String id) throws IOException {
    return operatorClient().postJson(layout.managementUrl(site(id)) + "/operator/data-keys", "{}");
  }

  /** Hands a site the state root's revocation list (DER) on its management port. */
  public SiteClient.Answer handRevocationList(String id, byte[] list) throws IOException {
    return operatorClient().put(layout.managementUrl(site(id)) + "/operator/site-revocations", list, "application/pkix-crl");
  }

  private SiteClient client() {
    return SiteClient.trusting(layout.caCertificate())
        .orElseThrow(() -> new IllegalStateException("no state CA at " + layout.caCertificate()));
  }

  /** A client presenting the local federation's first operator's certificate ({@code data/operator/}). */
  private SiteClient operatorClient() throws IOException {
    return SiteClient.asOperator(layout.caCertificate(), layout.operatorDir());
  }

  public boolean kill(String id) {
    site(id);
    return processes.kill(id);
  }

  /**
   * The order to stop the sites in: the active site last. Stopped first, it would leave the
   * standbys a majority that promotes one of them in the seconds before they stop too, and the
   * next start would come up with another active site.
   */
  public static List<String> shutdownOrder(List<String> sites, Optional<String> active) {
    List<String> order = new ArrayList<>(sites);
    active.filter(order::remove).ifPresent(order::add);
    return order;
  }

  /** Stops every site, the active one last; returns the ids of those that were running. */
  public List<String> stopAll() {
    List<String> stopped = new ArrayList<>();
    for (String id : shutdownOrder(siteIds(), activeSite())) {
      if (stop(id)) {
        stopped.add(id);
      }
    }
    return stopped;
  }

  public boolean stop(String id) {
    site(id);
    return processes.stop(id, Duration.ofSeconds(20));
  }

  /**
   * Stops a site, deletes its projection database and starts it again: the site refolds its own
   * journal from the first entry. Returns whether the site was running before.
   */
  public boolean rebuild(String id) throws IOException {
    site(id);
    boolean wasRunning = stop(id);
    Path db = layout.siteDir(id).resolve("db");
    if (Files.exists(db)) {
      try (Stream<Path> files = Files.walk(db)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    startMissing(List.of(id), List.of());
    return wasRunning;
  }

  public List<String> siteIds() {
    return layout.sites().stream().map(SiteSpec::id).toList();
  }
}
