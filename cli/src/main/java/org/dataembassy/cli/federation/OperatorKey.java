package org.dataembassy.cli.federation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * An operator's certificate and key as the key ceremony wrote them ({@code cert.pem}, {@code
 * key.pem}: an unencrypted PKCS#8 EC key), for TLS client authentication and for signing orders
 * (a forced promotion).
 */
public record OperatorKey(X509Certificate certificate, PrivateKey key) {

  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  public static OperatorKey load(Path dir) throws IOException {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    if (!Files.exists(cert) || !Files.exists(key)) {
      throw new IOException("no operator certificate in " + dir + " (cert.pem, key.pem): start the federation first (./embassy up)");
    }
    try (InputStream in = Files.newInputStream(cert)) {
      return new OperatorKey((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in), privateKey(key));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the operator certificate in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** ECDSA P-256 with SHA-256 over {@code message}, DER, base64. */
  public String sign(byte[] message) throws IOException {
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(key);
      signer.update(message);
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot sign with the operator's key: " + e.getMessage(), e);
    }
  }

  public String certificateBase64() throws IOException {
    try {
      return Base64.getEncoder().encodeToString(certificate.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IOException(e);
    }
  }

  private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IOException(pem + " holds no PKCS#8 private key");
    }
    String base64 = text.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
