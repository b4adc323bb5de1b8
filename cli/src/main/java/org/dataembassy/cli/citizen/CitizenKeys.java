package org.dataembassy.cli.citizen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A citizen's key pair, made where the citizen's credential is made (ECDSA P-256, the JDK's
 * generator), and its PEM forms: {@code PUBLIC KEY} (SubjectPublicKeyInfo) for the enrolment,
 * {@code PRIVATE KEY} (PKCS#8) for {@code key.pem}, which openssl and every TLS stack read.
 */
public final class CitizenKeys {

  private CitizenKeys() {}

  public static KeyPair generate() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  public static String publicKeyPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  /** Writes the private key, readable by the owner only, without ever leaving it world-readable. */
  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()));
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
