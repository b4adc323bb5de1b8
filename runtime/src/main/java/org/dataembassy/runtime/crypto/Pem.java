package org.dataembassy.runtime.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;

/** PEM encoding and decoding of certificates and keys, and safe writing of key files. */
public final class Pem {

  private Pem() {}

  public static String encode(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        writer.writeObject(o);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A private key as PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), which every TLS stack reads. */
  public static String encodePrivateKey(PrivateKey key) {
    return encode(new PemObject("PRIVATE KEY", key.getEncoded()));
  }

  /** A DER certificate. */
  public static X509Certificate readCertificate(byte[] der) throws IOException {
    try {
      return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCertificate(new java.io.ByteArrayInputStream(der));
    } catch (java.security.cert.CertificateException | ClassCastException e) {
      throw new IOException("not a certificate", e);
    }
  }

  public static X509Certificate readCertificate(Path file) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file)))) {
      Object o = parser.readObject();
      if (!(o instanceof X509CertificateHolder holder)) {
        throw new IOException("no certificate in " + file);
      }
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (java.security.cert.CertificateException e) {
      throw new IOException("bad certificate in " + file, e);
    }
  }

  public static PrivateKey readPrivateKey(Path file) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file)))) {
      Object o = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IOException("no private key in " + file);
    }
  }

  public static KeyPair readKeyPair(Path file, X509Certificate cert) throws IOException {
    return new KeyPair(cert.getPublicKey(), readPrivateKey(file));
  }

  /** Writes a file atomically; {@code secret} files are readable by the owner only. */
  public static void write(Path file, String content, boolean secret) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (secret) {
      Files.createFile(
          tmp,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(tmp, content);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
