package org.dataembassy.runtime.sitelink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.dataembassy.runtime.crypto.Pem;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;

/**
 * A site's certificate for its links to the other sites: {@code <site-dir>/tls/link-cert.pem} and
 * {@code link-key.pem} (owner-only), issued by the state CA and naming the site as {@code
 * urn:embassy:site:<id>}. Kept while valid and issued by the current CA, re-issued otherwise.
 */
public final class SiteLinkCertificates {

  private static final Duration VALIDITY = Duration.ofDays(397);
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  /** The site's link key, its certificate, and the state CA certificate that issued it. */
  public record Material(PrivateKey key, X509Certificate certificate, X509Certificate ca) {}

  private SiteLinkCertificates() {}

  /**
   * The site's link certificate and key as the key ceremony left them; missing, expired or from
   * another CA is an error naming the file (a site never issues its own).
   */
  public static Material load(Path dataDir, String siteId) throws IOException {
    Path dir = dataDir.resolve(siteId).resolve("tls");
    Path certFile = dir.resolve("link-cert.pem");
    Path keyFile = dir.resolve("link-key.pem");
    for (Path file : new Path[] {certFile, keyFile}) {
      if (!Files.exists(file)) {
        throw new IOException("the site-link " + file + " is missing: run the key ceremony (./embassy up)");
      }
    }
    X509Certificate ca = Pem.readCertificate(StateCertificateAuthority.certificateFile(dataDir));
    X509Certificate cert = Pem.readCertificate(certFile);
    if (!issuedBy(cert, ca)) {
      throw new IOException("the site-link certificate " + certFile + " is not from the state CA " + StateCertificateAuthority.certificateFile(dataDir));
    }
    if (cert.getNotAfter().toInstant().isBefore(Instant.now())) {
      throw new IOException("the site-link certificate " + certFile + " expired on " + cert.getNotAfter().toInstant());
    }
    return new Material(Pem.readPrivateKey(keyFile), cert, ca);
  }

  /** For the key ceremony: issues the certificate unless a valid one from the current CA exists. */
  public static Material ensure(Path dataDir, String siteId, String stateName) throws IOException {
    Path dir = dataDir.resolve(siteId).resolve("tls");
    Path certFile = dir.resolve("link-cert.pem");
    Path keyFile = dir.resolve("link-key.pem");
    StateCertificateAuthority ca = StateCertificateAuthority.loadOrCreate(dataDir, stateName);
    if (Files.exists(certFile) && Files.exists(keyFile)) {
      X509Certificate cert = Pem.readCertificate(certFile);
      if (issuedBy(cert, ca.certificate())
          && cert.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE))) {
        return new Material(Pem.readPrivateKey(keyFile), cert, ca.certificate());
      }
    }
    var issued = ca.issueSiteLinkCertificate(siteId, VALIDITY);
    Pem.write(keyFile, issued.privateKeyPem(), true);
    Pem.write(certFile, issued.chainPem(), false);
    return new Material(issued.keyPair().getPrivate(), issued.certificate(), ca.certificate());
  }

  private static boolean issuedBy(X509Certificate cert, X509Certificate ca) {
    try {
      cert.verify(ca.getPublicKey());
      return true;
    } catch (Exception e) {
      return false; // another CA (the data directory was reset): issue anew
    }
  }
}
