package org.dataembassy.runtime.crypto.ceremony;

import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.dataembassy.runtime.crypto.PublicKeys;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;

/**
 * The state root's side of a site's certification, run with the state's token: each request must
 * be a PKCS#10 request for a P-256 key signed by that key (proof that the site's token holds it);
 * what the certificate says — which site, which service — is decided here from the site the
 * ceremony certifies, never taken from the request.
 */
public final class RootCertification {

  private RootCertification() {}

  /**
   * Certifies the keys {@code requests} name for {@code site}; an error, and no certificate at all,
   * if any request is bad.
   */
  public static List<CeremonyMessages.Item> certify(
      StateCertificateAuthority root, String site, List<CeremonyMessages.Item> requests)
      throws IOException {
    if (site == null || !site.matches("[a-z0-9-]{1,40}")) {
      throw new IOException("a site's id is 1-40 lower-case letters, digits or '-'");
    }
    List<PublicKey> keys = new ArrayList<>();
    for (CeremonyMessages.Item request : requests) {
      keys.add(provenKey(request));
    }
    List<CeremonyMessages.Item> certificates = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      CertifiedKey kind = requests.get(i).kind();
      X509Certificate certificate = certificate(root, kind, keys.get(i), site);
      try {
        certificates.add(new CeremonyMessages.Item(kind, certificate.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IOException("cannot encode the " + kind.id() + " certificate of " + site, e);
      }
    }
    return certificates;
  }

  private static PublicKey provenKey(CeremonyMessages.Item request) throws IOException {
    String kind = request.kind().id();
    JcaPKCS10CertificationRequest csr;
    PublicKey key;
    try {
      csr = new JcaPKCS10CertificationRequest(request.der());
      key = csr.getPublicKey();
    } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
      throw new IOException("the request for the " + kind + " key is not a PKCS#10 request");
    }
    if (!PublicKeys.isP256(key)) {
      throw new IOException("the " + kind + " key is not a P-256 key");
    }
    try {
      if (csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
        return key;
      }
    } catch (OperatorCreationException | PKCSException | RuntimeException e) {
      // not verifiable: refused below
    }
    throw new IOException("the request for the " + kind + " key is not signed by that key");
  }

  private static X509Certificate certificate(
      StateCertificateAuthority root, CertifiedKey kind, PublicKey key, String site) {
    return switch (kind) {
      case TSA -> root.certifySiteServiceKey(SigningService.TIME_STAMPING, key, site, kind.validity());
      case OCSP -> root.certifySiteServiceKey(SigningService.OCSP, key, site, kind.validity());
      case JOURNAL -> root.certifySiteServiceKey(SigningService.JOURNAL, key, site, kind.validity());
      case ISSUING_CA -> root.certifyIssuingCaKey(site, key, kind.validity());
      case SITE_LINK -> root.certifySiteLinkKey(site, key, kind.validity());
    };
  }
}
