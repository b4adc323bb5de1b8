package org.dataembassy.runtime.sitelink;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;

/**
 * Admits a peer on a site link only if its certificate chains to the state CA (PKIX, by the JDK)
 * <em>and</em> names a site of this federation ({@code urn:embassy:site:<id>}). JGroups checks no
 * names itself, and the state CA also issues the sites' HTTPS certificates: without the second
 * check any of those could join the Raft group.
 */
public final class SiteLinkTrustManager extends X509ExtendedTrustManager {

  private static final int URI_NAME = 6;

  private final X509ExtendedTrustManager pkix;
  private final Set<String> sites;
  private final java.util.function.Predicate<X509Certificate> revoked;

  public SiteLinkTrustManager(X509Certificate stateCa, Collection<String> siteIds) {
    this(stateCa, siteIds, certificate -> false);
  }

  /**
   * @param revoked whether a peer's certificate is revoked (its site was revoked by the state):
   *     such a peer is refused like a stranger
   */
  public SiteLinkTrustManager(
      X509Certificate stateCa, Collection<String> siteIds, java.util.function.Predicate<X509Certificate> revoked) {
    this.pkix = pkixTrusting(stateCa);
    this.sites = Set.copyOf(siteIds);
    this.revoked = revoked;
  }

  /** The site a site-link certificate names, or null if it names none. */
  public static String siteNamedBy(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return null;
      }
      for (List<?> name : names) {
        if (((Integer) name.get(0)) == URI_NAME
            && name.get(1) instanceof String uri
            && uri.startsWith(StateCertificateAuthority.SITE_URI_PREFIX)) {
          return uri.substring(StateCertificateAuthority.SITE_URI_PREFIX.length());
        }
      }
      return null;
    } catch (CertificateParsingException e) {
      return null;
    }
  }

  private void checkSite(X509Certificate[] chain) throws CertificateException {
    String site = siteNamedBy(chain[0]);
    if (site == null || !sites.contains(site)) {
      throw new CertificateException(
          "site link refused: the peer's certificate ("
              + chain[0].getSubjectX500Principal().getName()
              + ") names no site of this federation");
    }
    if (revoked.test(chain[0])) {
      throw new CertificateException("site link refused: the state revoked site " + site + "'s certificates");
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType, socket);
    checkSite(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    pkix.checkServerTrusted(chain, authType, socket);
    checkSite(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType, engine);
    checkSite(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    pkix.checkServerTrusted(chain, authType, engine);
    checkSite(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    pkix.checkClientTrusted(chain, authType);
    checkSite(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    pkix.checkServerTrusted(chain, authType);
    checkSite(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return pkix.getAcceptedIssuers();
  }

  private static X509ExtendedTrustManager pkixTrusting(X509Certificate ca) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("state-ca", ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(trust);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager extended) {
          return extended;
        }
      }
      throw new IllegalStateException("no X509 trust manager for PKIX");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build trust in the state CA", e);
    }
  }
}
