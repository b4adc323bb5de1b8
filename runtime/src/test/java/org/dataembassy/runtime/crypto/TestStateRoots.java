package org.dataembassy.runtime.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State roots for unit tests: one per data directory, its key in this JVM's memory only, its
 * certificate written as {@code <dir>/ca.pem} (as the key ceremony publishes the real root's).
 */
public final class TestStateRoots {

  private static final Map<Path, StateCertificateAuthority> ROOTS = new ConcurrentHashMap<>();

  private TestStateRoots() {}

  /** The test root of {@code dataDir}, made at the first call. */
  public static StateCertificateAuthority in(Path dataDir, String stateName) {
    return ROOTS.computeIfAbsent(dataDir.toAbsolutePath().normalize(), dir -> fresh(dir, stateName));
  }

  /** A new root for {@code dataDir}, replacing its earlier one (a federation started again from nothing). */
  public static StateCertificateAuthority replace(Path dataDir, String stateName) {
    Path dir = dataDir.toAbsolutePath().normalize();
    StateCertificateAuthority root = fresh(dir, stateName);
    ROOTS.put(dir, root);
    return root;
  }

  private static StateCertificateAuthority fresh(Path dir, String stateName) {
    StateCertificateAuthority root = StateCertificateAuthority.inMemory(stateName);
    try {
      root.writeCertificate(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }
}
