package org.dataembassy.site;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import org.dataembassy.runtime.crypto.SiteTlsProvisioner;

/**
 * Gives the site under test what {@code SiteMain} gives a real site before Quarkus starts: a TLS
 * certificate from a state CA, in a data directory of the test's own.
 */
public class SiteCertificates implements QuarkusTestResourceLifecycleManager {

  static final Path DATA_DIR = Path.of("target", "test-data").toAbsolutePath();

  @Override
  public Map<String, String> start() {
    try {
      SiteTlsProvisioner.ensure(DATA_DIR, "home", "127.0.0.1", "gov.example");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return Map.of("embassy.site.data-dir", DATA_DIR.toString());
  }

  @Override
  public void stop() {}
}
