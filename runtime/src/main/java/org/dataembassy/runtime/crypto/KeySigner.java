package org.dataembassy.runtime.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * Signs encoded structures (a CMS SignerInfo's signed attributes, an OCSP ResponseData) with one
 * of the state's signing keys, ECDSA with SHA-256, through the configured JCA provider. The key is
 * handed to the provider once, not per signature (a native provider converts it at that moment).
 * Not thread-safe: one per thread.
 */
public final class KeySigner {

  private static final String ALGORITHM = "SHA256withECDSA";

  private final Signature signature;
  private final AlgorithmIdentifier algorithm;

  public KeySigner(SigningIdentity identity, Provider provider) throws GeneralSecurityException {
    signature = Signature.getInstance(ALGORITHM, provider);
    signature.initSign(identity.privateKey());
    algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find(ALGORITHM);
  }

  /** The signature over {@code encoded} (DER, as X.690 encodes a signed structure). */
  public byte[] sign(byte[] encoded) throws GeneralSecurityException {
    signature.update(encoded);
    return signature.sign();
  }

  /** The signature algorithm, as a structure names it next to the signature. */
  public AlgorithmIdentifier algorithm() {
    return algorithm;
  }
}
