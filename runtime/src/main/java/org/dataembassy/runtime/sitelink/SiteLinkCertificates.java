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
import org.dataembassy.runtime.crypto.token.SiteSigningKeys;
import org.dataembassy.runtime.crypto.token.SiteSigningKeys.TokenKey;
import org.dataembassy.runtime.crypto.token.SiteToken;

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
   * The site's link key, inside its token ({@value #TOKEN_ALIAS}), with the certificate the key
   * ceremony stored beside it; missing, expired or from another CA is an error naming it (a site
   * never issues its own). The token's provider is installed so the JDK's TLS can sign with it.
   */
  public static Material load(SiteToken token, Path dataDir, String siteId) throws IOException {
    X509Certificate ca = Pem.readCertificate(StateCertificateAuthority.certificateFile(dataDir));
    TokenKey key = SiteSigningKeys.loadKey(token, TOKEN_ALIAS);
    X509Certificate cert = key.certificate();
    if (!issuedBy(cert, ca)) {
      throw new IOException("the site-link certificate in " + token + " is not from the state CA " + StateCertificateAuthority.certificateFile(dataDir));
    }
    if (cert.getNotAfter().toInstant().isBefore(Instant.now())) {
      throw new IOException("the site-link certificate in " + token + " expired on " + cert.getNotAfter().toInstant());
    }
    if (!siteId.equals(SiteLinkTrustManager.siteNamedBy(cert))) {
      throw new IOException("the site-link certificate in " + token + " names another site than " + siteId);
    }
    token.installProvider();
    return new Material(key.privateKey(), cert, ca);
  }

  /** The token alias of a site's link key. */
  public static final String TOKEN_ALIAS = "site-link";

  /**
   * For the key ceremony: generates the site's link key in its token and stores it with a
   * certificate from {@code ca} (and a public copy of the certificate in {@code
   * <site-dir>/tls/link-cert.pem}), unless a valid one from this CA is there.
   */
  public static void ensureInToken(SiteToken token, StateCertificateAuthority ca, Path dataDir, String siteId)
      throws IOException {
    Path certFile = dataDir.resolve(siteId).resolve("tls").resolve("link-cert.pem");
    java.util.Optional<TokenKey> existing = SiteSigningKeys.findKey(token, TOKEN_ALIAS);
    if (existing.isPresent()
        && issuedBy(existing.get().certificate(), ca.certificate())
        && existing.get().certificate().getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE))) {
      if (!Files.exists(certFile)) {
        Pem.write(certFile, Pem.encode(existing.get().certificate(), ca.certificate()), false);
      }
      return;
    }
    X509Certificate cert =
        SiteSigningKeys.generate(token, TOKEN_ALIAS, ca, pub -> ca.certifySiteLinkKey(siteId, pub, VALIDITY));
    Pem.write(certFile, Pem.encode(cert, ca.certificate()), false);
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
