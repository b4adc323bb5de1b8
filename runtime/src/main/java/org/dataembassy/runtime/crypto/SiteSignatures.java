package org.dataembassy.runtime.crypto;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/** Checks that a site of the federation signed a message with its own signing key. */
public final class SiteSignatures {

  private final SignerCertificates certificates;

  public SiteSignatures(SignerCertificates certificates) {
    this.certificates = certificates;
  }

  /** True only for a valid signature by {@code site}'s key, whose certificate the ceremony delivered. */
  public boolean signedBy(String site, byte[] message, String signature) {
    if (signature == null || site == null) {
      return false;
    }
    Optional<X509Certificate> signer = certificates.of(site);
    if (signer.isEmpty()) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(signer.get().getPublicKey());
      verifier.update(message);
      return verifier.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether the ceremony delivered a certificate of {@code site}. */
  public boolean knows(String site) {
    return certificates.of(site).isPresent();
  }
}
