package org.dataembassy.site;

import io.restassured.config.SSLConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import org.dataembassy.runtime.crypto.Pem;

/**
 * Tests present an operator's (or auditor's) certificate as a person would with curl ({@code --cert
 * cert.pem --key key.pem}): REST Assured reads a PKCS#12 file, made here from the PEM pair the key
 * ceremony issued, next to it.
 */
public final class OperatorCredentials {

  public static final String PASSWORD = "test-only";

  private OperatorCredentials() {}

  /** REST Assured's TLS settings: trust the state CA, present the identity in {@code dir}. */
  public static SSLConfig ssl(Path dir, Path caPem, KeyStore trust) {
    return SSLConfig.sslConfig()
        .trustStore(trust)
        .keyStore(pkcs12(dir, caPem).toString(), PASSWORD)
        .keystoreType("PKCS12")
        .allowAllHostnames();
  }

  /** {@code dir/identity.p12} from {@code dir/cert.pem} and {@code dir/key.pem} (made once). */
  public static synchronized Path pkcs12(Path dir, Path caPem) {
    Path file = dir.resolve("identity.p12");
    if (Files.exists(file)) {
      return file;
    }
    try {
      X509Certificate cert = Pem.readCertificate(dir.resolve("cert.pem"));
      X509Certificate ca = Pem.readCertificate(caPem);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("identity", Pem.readPrivateKey(dir.resolve("key.pem")), PASSWORD.toCharArray(), new Certificate[] {cert, ca});
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, PASSWORD.toCharArray());
      }
      return file;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the operator certificate in " + dir, e);
    }
  }

  /** A trust store holding only the state CA. */
  public static KeyStore trusting(Path caPem) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry("state-ca", Pem.readCertificate(caPem));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the state CA " + caPem, e);
    }
  }
}
