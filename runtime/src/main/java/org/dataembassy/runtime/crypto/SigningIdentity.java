package org.dataembassy.runtime.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A key of one of the state's signing services with its certificate and the issuing state CA. At
 * a site the key is a handle to a key inside the site's PKCS#11 token; never replicated.
 */
public record SigningIdentity(PrivateKey privateKey, X509Certificate certificate, X509Certificate issuer) {

  /** An identity held in memory, as tests and benchmarks make them. */
  public static SigningIdentity of(StateCertificateAuthority.IssuedCertificate issued) {
    return new SigningIdentity(issued.keyPair().getPrivate(), issued.certificate(), issued.issuer());
  }

  @Override
  public String toString() {
    return "SigningIdentity[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}
