package org.dataembassy.runtime.crypto;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.dataembassy.runtime.config.SiteConfig;

/** The one view of the state's site revocations every check of this site shares. */
public class SiteRevocationsProducer {

  @Produces
  @Singleton
  SiteRevocations siteRevocations(SiteConfig site, StateRoot root) {
    return new SiteRevocations(site.siteDir().resolve("pki"), root.certificate(), Clock.systemUTC());
  }
}
