package org.dataembassy.runtime.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A key of one of the state's signing services with its certificate and the issuing state CA.
 * Held in memory at each site; never replicated.
 */
public record SigningIdentity(PrivateKey privateKey, X509Certificate certificate, X509Certificate issuer) {

  @Override
  public String toString() {
    return "SigningIdentity[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}
