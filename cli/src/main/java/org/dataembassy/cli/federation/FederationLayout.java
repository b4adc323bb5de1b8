package org.dataembassy.cli.federation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a local federation lives: its sites and addresses, its data directory, the site
 * application it runs, and the settings every site gets.
 *
 * @param sites the sites, the first being the initially active one
 * @param dataDir the federation's data directory ({@code data/})
 * @param siteApp the site application ({@code site/target/quarkus-app/quarkus-run.jar})
 * @param httpsPort the HTTPS port of every site
 * @param heap maximum heap of each site JVM, e.g. {@code 256m}
 * @param extraProperties further {@code -D} settings passed to every site
 */
public record FederationLayout(
    List<SiteSpec> sites,
    Path dataDir,
    Path siteApp,
    int httpsPort,
    String heap,
    List<String> extraProperties) {

  /** The standard local federation: home, lux, emb2 on 127.0.0.11-13. */
  public static FederationLayout local(Path root) {
    return withAddresses(
        root.resolve("data"),
        root.resolve("site/target/quarkus-app/quarkus-run.jar"),
        "127.0.0.11",
        "127.0.0.12",
        "127.0.0.13");
  }

  /** home, lux and emb2 on the given addresses. */
  public static FederationLayout withAddresses(
      Path dataDir, Path siteApp, String home, String lux, String emb2) {
    return new FederationLayout(
        List.of(new SiteSpec("home", home, 0), new SiteSpec("lux", lux, 10), new SiteSpec("emb2", emb2, 20)),
        dataDir.toAbsolutePath(),
        siteApp.toAbsolutePath(),
        8443,
        "256m",
        List.of());
  }

  public FederationLayout withExtraProperties(List<String> properties) {
    List<String> all = new ArrayList<>(extraProperties);
    all.addAll(properties);
    return new FederationLayout(sites, dataDir, siteApp, httpsPort, heap, List.copyOf(all));
  }

  /** The same federation with other site definitions (addresses, network namespaces). */
  public FederationLayout withSites(List<SiteSpec> replacements) {
    return new FederationLayout(List.copyOf(replacements), dataDir, siteApp, httpsPort, heap, extraProperties);
  }

  public Optional<SiteSpec> site(String id) {
    return sites.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public String initialActive() {
    return sites.get(0).id();
  }

  public Path siteDir(String id) {
    return dataDir.resolve(id);
  }

  public Path caCertificate() {
    return dataDir.resolve("ca.pem");
  }

  /** The management port of every site (operators' and auditors' certificates only). */
  public static final int MANAGEMENT_PORT = 9443;

  /** Where the local federation's first operator keeps their certificate and key. */
  public Path operatorDir() {
    return dataDir.resolve("operator");
  }

  /** The site's management endpoints: {@code https://<address>:9443}. */
  public String managementUrl(SiteSpec site) {
    return "https://" + site.address() + ":" + MANAGEMENT_PORT;
  }

  public String url(SiteSpec site) {
    return "https://" + site.address() + ":" + httpsPort;
  }
}
