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
 * A site's key and certificate for its links to the other sites: the key in its token ({@value
 * #TOKEN_ALIAS}), certified by the state root at the key ceremony and naming the site as {@code
 * urn:embassy:site:<id>}; a public copy of the chain in {@code <site-dir>/tls/link-cert.pem}.
 */
public final class SiteLinkCertificates {

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

  private static boolean issuedBy(X509Certificate cert, X509Certificate ca) {
    try {
      cert.verify(ca.getPublicKey());
      return true;
    } catch (Exception e) {
      return false; // another CA (the data directory was reset): issue anew
    }
  }
}
