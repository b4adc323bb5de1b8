package org.dataembassy.runtime.crypto;

import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/** Reads citizens' public keys: PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo), ECDSA P-256 only. */
public final class PublicKeys {

  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  private static final ECParameterSpec P256 = p256();

  private PublicKeys() {}

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the JDK knows no P-256", e);
    }
  }

  /** The P-256 public key in the PEM text; empty if it is not one. */
  public static Optional<PublicKey> parseP256(String pem) {
    if (pem == null || pem.length() > 4096) {
      return Optional.empty();
    }
    String body = pem.strip();
    if (!body.startsWith(BEGIN) || body.indexOf(END) < 0) {
      return Optional.empty();
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(body.substring(BEGIN.length(), body.indexOf(END)));
      PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
      return isP256(key) ? Optional.of(key) : Optional.empty();
    } catch (java.security.GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether the key is an ECDSA key on P-256. */
  public static boolean isP256(PublicKey key) {
    return key instanceof ECPublicKey ec && ec.getParams().getCurve().equals(P256.getCurve())
        && ec.getParams().getGenerator().equals(P256.getGenerator());
  }

  /** A public key as PEM. */
  public static String toPem(PublicKey key) {
    return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded()) + "\n" + END + "\n";
  }
}
