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
 * Makes sure a site has its TLS certificate before its HTTPS server starts: valid for the service
 * names ({@code land.<zone>}, {@code auth.<zone>}, {@code sign.<zone>}), the site's own name and
 * its address, issued by the state CA. Existing, still valid certificates are kept.
 */
public final class SiteTlsProvisioner {

  public static final List<String> SERVICE_NAMES = List.of("land", "auth", "sign");
  private static final Duration VALIDITY = Duration.ofDays(397);
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

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

  /** For the key ceremony: ensures the site's certificate exists; returns true if it had to issue one. */
  public static boolean ensure(Path dataDir, String siteId, String address, String zone)
      throws IOException {
    Path siteDir = dataDir.resolve(siteId);
    Path cert = certificateFile(siteDir);
    Path key = keyFile(siteDir);
    StateCertificateAuthority ca = StateCertificateAuthority.loadOrCreate(dataDir, stateName(zone));
    if (Files.exists(cert) && Files.exists(key) && stillValid(cert, ca)) {
      return false;
    }
    List<String> dns = new ArrayList<>();
    SERVICE_NAMES.forEach(s -> dns.add(s + "." + zone));
    dns.add(siteId + "." + zone);
    dns.add(siteId);
    var issued = ca.issueTlsCertificate(siteId + "." + zone, dns, List.of(address), VALIDITY);
    Pem.write(key, issued.privateKeyPem(), true);
    Pem.write(cert, issued.chainPem(), false);
    return true;
  }

  private static boolean stillValid(Path certFile, StateCertificateAuthority ca) throws IOException {
    X509Certificate cert = Pem.readCertificate(certFile);
    try {
      cert.verify(ca.certificate().getPublicKey());
    } catch (Exception e) {
      return false; // issued by another CA (e.g. the data directory was reset): issue anew
    }
    return cert.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
  }

  /** The state's short name, from its zone: {@code gov.example} → {@code GOV}. */
  public static String stateName(String zone) {
    return zone.contains(".") ? zone.substring(0, zone.indexOf('.')).toUpperCase() : zone;
  }
}
