package org.dataembassy.runtime.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import org.dataembassy.runtime.sitelink.SiteBoundTcp;
import org.dataembassy.runtime.sitelink.SiteLinkRefusals;

/**
 * {@code embassy.sitelink.refused{reason}}: site-link connections and messages refused because a
 * peer is not the site its certificate names (certificate), comes from no site's address (address),
 * or sends as another site (identity).
 */
@ApplicationScoped
public class SiteLinkMetrics {

  @Inject MeterRegistry registry;

  void register(@Observes StartupEvent event) {
    for (SiteBoundTcp.Reason reason : SiteBoundTcp.Reason.values()) {
      FunctionCounter.builder("embassy.sitelink.refused", reason, SiteLinkRefusals::total)
          .tag("reason", reason.name().toLowerCase(Locale.ROOT))
          .description("Site-link connections and messages refused: the peer is not the site it claims")
          .register(registry);
    }
  }
}
