package org.dataembassy.runtime.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A site's TLS certificate and key ({@code tls/site-cert.pem}, {@code tls/site-key.pem}): valid for
 * the service names ({@code land.<zone>}, {@code auth.<zone>}, {@code sign.<zone>}), the site's
 * own name and its address, certified by the state root at the key ceremony, and checked before
 * the HTTPS server starts.
 */
public final class SiteTlsProvisioner {

  public static final List<String> SERVICE_NAMES = List.of("land", "auth", "sign");

  private SiteTlsProvisioner() {}

  public static Path certificateFile(Path siteDir) {
    return siteDir.resolve("tls").resolve("site-cert.pem");
  }

  public static Path keyFile(Path siteDir) {
    return siteDir.resolve("tls").resolve("site-key.pem");
  }

  /**
   * Checks, before the HTTPS server starts, that the key ceremony gave the site its TLS
   * certificate: present, from the state CA, not expired. An error names the file otherwise.
   */
  public static void require(Path dataDir, String siteId) throws IOException {
    Path siteDir = dataDir.resolve(siteId);
    Path cert = certificateFile(siteDir);
    for (Path file : new Path[] {cert, keyFile(siteDir)}) {
      if (!Files.exists(file)) {
        throw new IOException("the site's TLS " + file + " is missing: run the key ceremony (./embassy up)");
      }
    }
    X509Certificate caCert = Pem.readCertificate(StateCertificateAuthority.certificateFile(dataDir));
    X509Certificate siteCert = Pem.readCertificate(cert);
    try {
      siteCert.verify(caCert.getPublicKey());
    } catch (Exception e) {
      throw new IOException("the TLS certificate " + cert + " is not from the state CA " + StateCertificateAuthority.certificateFile(dataDir));
    }
    if (siteCert.getNotAfter().toInstant().isBefore(Instant.now())) {
      throw new IOException("the TLS certificate " + cert + " expired on " + siteCert.getNotAfter().toInstant());
    }
  }

  /** The DNS names of a site's TLS certificate: the service names, its own name, its id. */
  public static List<String> dnsNames(String siteId, String zone) {
    List<String> dns = new ArrayList<>();
    SERVICE_NAMES.forEach(s -> dns.add(s + "." + zone));
    dns.add(siteId + "." + zone);
    dns.add(siteId);
    return dns;
  }

  /**
   * For the key ceremony: whether the site's TLS key and certificate are there, from {@code root}
   * and not due for renewal within {@code renewBefore}.
   */
  public static boolean current(Path siteDir, X509Certificate root, Duration renewBefore) throws IOException {
    Path cert = certificateFile(siteDir);
    if (!Files.exists(cert) || !Files.exists(keyFile(siteDir))) {
      return false;
    }
    X509Certificate siteCert = Pem.readCertificate(cert);
    try {
      siteCert.verify(root.getPublicKey());
    } catch (Exception e) {
      return false; // issued by another root (e.g. the data directory was reset): issue anew
    }
    return siteCert.getNotAfter().toInstant().isAfter(Instant.now().plus(renewBefore));
  }

  /** The state's short name, from its zone: {@code gov.example} → {@code GOV}. */
  public static String stateName(String zone) {
    return zone.contains(".") ? zone.substring(0, zone.indexOf('.')).toUpperCase() : zone;
  }
}
