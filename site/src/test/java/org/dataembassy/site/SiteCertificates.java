package org.dataembassy.site;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.Map;
import org.dataembassy.runtime.security.OperatorRole;
import org.dataembassy.runtime.crypto.token.ClearStateKeys;
import org.dataembassy.runtime.crypto.token.KeyCeremony;
import org.dataembassy.runtime.crypto.token.SoftHsmToken;

/**
 * Gives the site under test what the key ceremony and {@code SiteMain} give a real site before
 * Quarkus starts: its own SoftHSM2 token holding the wrapping key of the state's data and index
 * keys (fresh ones, standing for the state's), and a TLS certificate from a state CA, in a data
 * directory of the test's own.
 */
public class SiteCertificates implements QuarkusTestResourceLifecycleManager {

  static final Path DATA_DIR = Path.of("target", "test-data").toAbsolutePath();
  /** The tests' operator and auditor: certificates from the test state root. */
  public static final Path OPERATOR_DIR = DATA_DIR.resolve("operator");
  public static final Path AUDITOR_DIR = DATA_DIR.resolve("auditor");

  @Override
  public Map<String, String> start() {
    try {
      Path home = DATA_DIR.resolve("home");
      if (!Files.exists(KeyCeremony.tokenConfig(home))) {
        deleteRecursively(home); // what an earlier token sealed would no longer open
        SoftHsmToken.initialise(home, Path.of(System.getenv("SOFTHSM2_CONF")), "embassy-test-home");
        KeyCeremony.deliver(home, ClearStateKeys.fresh());
      }
      KeyCeremony.issueSigningKeys(home); // the site's own TSA and OCSP keys, in its token
      KeyCeremony.issueSiteCertificates(home, "127.0.0.1"); // TLS, and the site-link key in the token
      KeyCeremony.issueOperator(DATA_DIR, OPERATOR_DIR, "test-operator", OperatorRole.OPERATOR);
      KeyCeremony.issueOperator(DATA_DIR, AUDITOR_DIR, "test-auditor", OperatorRole.AUDITOR);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return Map.of("embassy.site.data-dir", DATA_DIR.toString());
  }

  @Override
  public void stop() {}

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
