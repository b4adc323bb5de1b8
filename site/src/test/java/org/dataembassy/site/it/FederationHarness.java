package org.dataembassy.site.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dataembassy.cli.federation.FederationLayout;
import org.dataembassy.cli.federation.LocalFederation;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts and controls a real local federation for a multi-process test: three site processes
 * (home, lux, emb2) on their own loopback addresses, heap-capped, with a data directory of the
 * test's own under {@code target/it-data/}. Only the processes it started are ever signalled.
 */
public final class FederationHarness implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

  public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final LocalFederation federation;
  private final List<String> extraProperties;
  private KeyStore trust;

  /**
   * @param name the test's name (its data directory)
   * @param addressBase the first three loopback addresses to use, e.g. {@code 127.0.0.31} gives
   *     .31, .32, .33
   */
  public FederationHarness(String name, String addressBase, List<String> extraProperties)
      throws IOException {
    this(name, addressBase, null, extraProperties);
  }

  /** The federation with each site in its own network namespace of {@code lab}. */
  public FederationHarness(String name, NetworkLab lab, List<String> extraProperties) throws IOException {
    this(name, "127.0.0.1", lab, extraProperties);
  }

  private FederationHarness(String name, String addressBase, NetworkLab lab, List<String> extraProperties)
      throws IOException {
    Path app = Path.of(System.getProperty("embassy.it.app", "target/quarkus-app/quarkus-run.jar"));
    Path dataDir = Path.of("target", "it-data", name).toAbsolutePath();
    TestFiles.deleteRecursively(dataDir);
    Files.createDirectories(dataDir);
    String prefix = addressBase.substring(0, addressBase.lastIndexOf('.') + 1);
    int first = Integer.parseInt(addressBase.substring(addressBase.lastIndexOf('.') + 1));
    FederationLayout layout =
        FederationLayout.withAddresses(
                dataDir, app, prefix + first, prefix + (first + 1), prefix + (first + 2))
            .withExtraProperties(extraProperties);
    if (lab != null) {
      layout = layout.withSites(lab.place(layout.sites()));
    }
    this.federation = new LocalFederation(layout);
    this.extraProperties = extraProperties;
  }

  /**
   * A federation of three sites that a test class registers as an extension ({@code
   * @RegisterExtension static final FederationHarness sites = FederationHarness.started("f0100",
   * "127.0.0.51")}): started before the class's tests, stopped (by PID) after them.
   */
  public static FederationHarness started(String name, String addressBase) {
    try {
      return new FederationHarness(name, addressBase, List.of());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    startAll();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  public LocalFederation federation() {
    return federation;
  }

  /** Starts the given sites and waits until they are ready. */
  public void start(String... sites) throws IOException {
    federation.startMissing(List.of(sites), List.of());
    awaitReady(sites);
  }

  public void awaitReady(String... sites) {
    List<String> notReady = federation.awaitReady(List.of(sites), READY_TIMEOUT);
    assertThat(notReady)
        .as("sites not ready within %s; logs under %s", READY_TIMEOUT, federation.layout().dataDir())
        .isEmpty();
  }

  public void startAll() throws IOException {
    start(federation.siteIds().toArray(String[]::new));
  }

  /**
   * Starts {@code first} alone until it has joined the control plane's Raft group, then the other
   * sites: {@code first} is the group's JGroups coordinator and so runs the first Raft election,
   * which makes it the Raft leader (checked by the tests that rely on it).
   */
  public void startAllWithFirst(String first) throws IOException {
    startUntilLogged(first, "EMB-FO-010");
    startAll();
  }

  /**
   * Starts a site without waiting for it to be ready (alone it may never be), until its log says
   * {@code mark} — an operator message id such as {@code EMB-RP-001}.
   */
  public void startUntilLogged(String site, String mark) throws IOException {
    Path log = federation.processes().logFile(site);
    long before = Files.exists(log) ? Files.size(log) : 0; // a restarted site appends to its log
    federation.startMissing(List.of(site), List.of());
    await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(
        () -> Files.exists(log) && Files.readString(log).substring((int) before).contains(mark));
  }

  /**
   * Each site's last {@code perSite} operator warnings (EMB-… lines at WARN or ERROR in its
   * {@code site.log}), for a failure message ({@link SiteLogsOnFailure}).
   */
  public String operatorWarnings(int perSite) {
    StringBuilder out = new StringBuilder();
    for (String id : federation.siteIds()) {
      Path log = federation.processes().logFile(id);
      out.append("\n--- ").append(id).append(": last warnings in ").append(log).append('\n');
      try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.UTF_8)) {
        List<String> warnings =
            lines.filter(l -> l.contains("EMB-") && (l.contains(" WARN ") || l.contains(" ERROR "))).toList();
        warnings.subList(Math.max(0, warnings.size() - perSite), warnings.size())
            .forEach(l -> out.append(l, 0, Math.min(l.length(), 240)).append('\n'));
      } catch (IOException | UncheckedIOException e) {
        out.append("(not readable: ").append(e.getMessage()).append(")\n");
      }
    }
    return out.toString();
  }

  /** SIGKILL: the hard loss of a site. */
  public void kill(String site) {
    assertThat(federation.kill(site)).as("site %s was running", site).isTrue();
  }

  public String address(String site) {
    return federation.site(site).address();
  }

  public String baseUri(String site) {
    return federation.layout().url(federation.site(site));
  }

  /**
   * Runs {@code ./embassy ARGS} (in this JVM) against this federation: its data directory and its
   * sites' addresses. Returns the exit code.
   */
  public int embassy(String... args) {
    // the checkout: <root>/site/target/quarkus-app/quarkus-run.jar (the key ceremony runs from it)
    Path root = federation.layout().siteApp().toAbsolutePath().getParent().getParent().getParent().getParent();
    List<String> all = new ArrayList<>(List.of(
        "--root", root.toString(),
        "--data", federation.layout().dataDir().toString(),
        "--addresses",
        String.join(",", federation.layout().sites().stream().map(s -> s.address()).toList())));
    all.addAll(List.of(args));
    return org.dataembassy.cli.Embassy.commandLine().execute(all.toArray(String[]::new));
  }

  public Path caCertificate() {
    return federation.layout().caCertificate();
  }

  /** A REST Assured request to a site over HTTPS, trusting only the state CA. */
  /**
   * A request to the site's e-services (:8443) as the operator, with the local federation's
   * operator certificate ({@code data/operator/}): writes to the registers need a caller. {@link
   * #anonymousAt(String)} for a request without credentials.
   */
  public RequestSpecification at(String site) {
    return request(federation.layout().url(federation.site(site)), operatorSsl(operatorDir()));
  }

  /** A request to the site's management port (:9443) with the operator's certificate. */
  public RequestSpecification management(String site) {
    return management(site, operatorDir());
  }

  /** A request to the site's management port with the certificate in {@code identity}. */
  public RequestSpecification management(String site, Path identity) {
    return request(federation.layout().managementUrl(federation.site(site)), operatorSsl(identity));
  }

  /** The local federation's first operator ({@code data/operator/cert.pem}, {@code key.pem}). */
  public Path operatorDir() {
    return federation.layout().operatorDir();
  }

  private SSLConfig operatorSsl(Path identity) {
    return org.dataembassy.site.OperatorCredentials.ssl(identity, caCertificate(), trust());
  }

  /** A request to the site without credentials. */
  /** A metric's value in the site's Prometheus output ({@code name{labels}} as printed), 0 if absent. */
  public double metric(String site, String series) {
    String body = management(site).get("/q/metrics").asString();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^" + java.util.regex.Pattern.quote(series) + " ([0-9.eE+-]+)$", java.util.regex.Pattern.MULTILINE)
            .matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** The sites the control plane at {@code site} is connected to (itself included). */
  public List<String> connected(String site) {
    return at(site).get("/sites/self/control-plane").jsonPath().getList("connected", String.class);
  }

  public RequestSpecification anonymousAt(String site) {
    return request(baseUri(site), SSLConfig.sslConfig().trustStore(trust()));
  }

  private RequestSpecification request(String baseUri, SSLConfig ssl) {
    return RestAssured.given()
        .config(
            RestAssuredConfig.config()
                .sslConfig(ssl)

                // bounded: a hung site fails the test instead of hanging it
                .httpClient(
                    HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", 5_000)
                        .setParam("http.socket.timeout", 30_000)))
        .baseUri(baseUri)
        .filter(ServerErrors.PRINT);
  }

  private synchronized KeyStore trust() {
    if (trust == null) {
      try (InputStream in = Files.newInputStream(caCertificate())) {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry(
            "state-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        trust = ks;
      } catch (Exception e) {
        throw new IllegalStateException("cannot read the state CA", e);
      }
    }
    return trust;
  }

  public Optional<Long> pid(String site) {
    return federation.processes().running(site).map(ProcessHandle::pid);
  }

  /** Stops every site this harness started (SIGKILL: the test's data directory is thrown away). */
  @Override
  public void close() {
    for (String site : federation.siteIds()) {
      federation.kill(site);
    }
  }

  public List<String> extraProperties() {
    return new ArrayList<>(extraProperties);
  }

}
