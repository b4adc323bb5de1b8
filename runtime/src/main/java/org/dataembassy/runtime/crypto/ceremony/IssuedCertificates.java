package org.dataembassy.runtime.crypto.ceremony;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.dataembassy.runtime.crypto.Pem;

/**
 * The state's record of every certificate its root issued to a site, kept with the state's token
 * ({@code data/state/issued/<site>/<kind>-<serial>.pem}, public): what revoking the site revokes,
 * renewed and replaced certificates included.
 */
public final class IssuedCertificates {

  private IssuedCertificates() {}

  static Path dir(Path stateDir, String site) {
    return stateDir.resolve("issued").resolve(site);
  }

  public static void record(Path stateDir, String site, CertifiedKey kind, X509Certificate certificate) throws IOException {
    Path file = dir(stateDir, site).resolve(kind.id() + "-" + certificate.getSerialNumber().toString(16) + ".pem");
    Pem.write(file, Pem.encode(certificate), false);
  }

  /** Every certificate recorded for {@code site}, oldest first by name. */
  public static List<X509Certificate> of(Path stateDir, String site) throws IOException {
    Path dir = dir(stateDir, site);
    List<X509Certificate> certificates = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return certificates;
    }
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pem")).sorted().toList()) {
        certificates.add(Pem.readCertificate(file));
      }
    }
    return certificates;
  }
}
