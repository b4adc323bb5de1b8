package org.dataembassy.runtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fixed, configured set of sites that form the federation. */
@ConfigMapping(prefix = "embassy.federation")
public interface FederationConfig {

  /** The sites by id: {@code embassy.federation.sites.lux.address=127.0.0.12}. */
  Map<String, Site> sites();

  /** The site that is ACTIVE when the federation first starts (epoch 1). */
  @WithDefault("home")
  String initialActive();

  /** DNS zone of the e-service names ({@code land.<zone>}, {@code auth.<zone>}, ...). */
  @WithDefault("gov.example")
  String zone();

  /** Port of the citizen-facing HTTPS endpoint, the same at every site. */
  @WithDefault("8443")
  int httpsPort();

  /** One site of the federation. */
  interface Site {
    /** Loopback or host address the site's services bind to. */
    String address();

    /** Failover priority: lower goes first among equally caught-up standbys. */
    @WithDefault("100")
    int priority();
  }

  /** The site ids, ordered by priority then id. */
  default List<String> siteIds() {
    return sites().entrySet().stream()
        .sorted(
            Comparator.comparingInt((Map.Entry<String, Site> e) -> e.getValue().priority())
                .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** {@code home=127.0.0.1,lux=127.0.0.12,...}: how the site-link transports tell sites apart. */
  default String siteAddresses() {
    return String.join(",", siteIds().stream().map(id -> id + "=" + sites().get(id).address()).toList());
  }

  default Optional<Site> site(String id) {
    return Optional.ofNullable(sites().get(id));
  }
}
