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
 * keys (fresh ones, standing for the state's), its keys certified by a state root in a state token
 * of the test's own (the same SoftHSM configuration, another slot), in a data directory of the
 * test's own.
 */
public class SiteCertificates implements QuarkusTestResourceLifecycleManager {

  static final Path DATA_DIR = Path.of("target", "test-data").toAbsolutePath();
  /** The tests' operator and auditor: certificates from the test state root. */
  public static final Path OPERATOR_DIR = DATA_DIR.resolve("operator");
  public static final Path AUDITOR_DIR = DATA_DIR.resolve("auditor");

  private static volatile org.dataembassy.runtime.crypto.StateCertificateAuthority root;

  /** The tests' state root (its key in the state's token), once the resource has started. */
  public static org.dataembassy.runtime.crypto.StateCertificateAuthority stateRoot() {
    return root;
  }

  @Override
  public Map<String, String> start() {
    try {
      Path home = DATA_DIR.resolve("home");
      Path state = DATA_DIR.resolve("state");
      Path softHsm = Path.of(System.getenv("SOFTHSM2_CONF"));
      if (!Files.exists(KeyCeremony.tokenConfig(home)) || !Files.exists(KeyCeremony.tokenConfig(state))) {
        // what an earlier token sealed or certified would no longer open
        deleteRecursively(DATA_DIR);
        SoftHsmToken.initialise(state, softHsm, "embassy-test-state");
        SoftHsmToken.initialise(home, softHsm, "embassy-test-home");
        KeyCeremony.deliver(home, ClearStateKeys.fresh());
      }
      root = KeyCeremony.initRoot(state); // the state root, in the state's token (another slot)
      KeyCeremony.certifySiteKeys(home, state); // the site's keys in its token
      KeyCeremony.issueOperator(root, OPERATOR_DIR, "test-operator", OperatorRole.OPERATOR);
      KeyCeremony.issueOperator(root, AUDITOR_DIR, "test-auditor", OperatorRole.AUDITOR);
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
