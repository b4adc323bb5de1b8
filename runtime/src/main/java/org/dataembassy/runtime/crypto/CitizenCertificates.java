package org.dataembassy.runtime.crypto;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Reads and checks citizen eID certificates of the state CA: parsing (PEM or base64 DER), the
 * issuer's signature, validity at an instant, the identity they name, and a citizen's signature
 * made with the certified key.
 */
public final class CitizenCertificates {

  private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String PEM_END = "-----END CERTIFICATE-----";

  private final X509Certificate stateCa;
  private final IssuingCas issuingCas;
  private final Provider verifier;

  /** Certificates the state root issued itself (tests; the root issues no citizen at a site). */
  public CitizenCertificates(X509Certificate stateCa, Provider verifier) {
    this(stateCa, null, verifier);
  }

  /** Certificates of the sites' issuing CAs (or of the root itself). */
  public CitizenCertificates(IssuingCas issuingCas, Provider verifier) {
    this(issuingCas.root(), issuingCas, verifier);
  }

  private CitizenCertificates(X509Certificate stateCa, IssuingCas issuingCas, Provider verifier) {
    this.stateCa = stateCa;
    this.issuingCas = issuingCas;
    this.verifier = verifier;
  }

  /** A certificate from PEM or base64 DER text; empty if it is neither. */
  public static Optional<X509Certificate> parse(String text) {
    if (text == null || text.isBlank() || text.length() > 16_384) {
      return Optional.empty();
    }
    String body = text.strip();
    if (body.startsWith(PEM_BEGIN)) {
      int end = body.indexOf(PEM_END);
      if (end < 0) {
        return Optional.empty();
      }
      body = body.substring(PEM_BEGIN.length(), end);
    }
    try {
      return parse(Base64.getMimeDecoder().decode(body));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public static Optional<X509Certificate> parse(byte[] der) {
    try {
      return Optional.of(
          (X509Certificate)
              CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
    } catch (CertificateException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * True if the state issued the certificate: a site's issuing CA (whose own certificate is the
   * state root's) or the root itself signed it.
   */
  public boolean issuedByState(X509Certificate certificate) {
    return issuerOf(certificate).isPresent();
  }

  /** The state CA that issued the certificate (an issuing CA, or the root); empty if none did. */
  public Optional<X509Certificate> issuerOf(X509Certificate certificate) {
    X509Certificate issuer =
        certificate.getIssuerX500Principal().equals(stateCa.getSubjectX500Principal())
            ? stateCa
            : issuingCas == null ? null : issuingCas.named(certificate.getIssuerX500Principal()).orElse(null);
    if (issuer == null) {
      return Optional.empty();
    }
    try {
      certificate.verify(issuer.getPublicKey());
      return Optional.of(issuer);
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public static boolean validAt(X509Certificate certificate, Instant instant) {
    return !instant.isBefore(certificate.getNotBefore().toInstant())
        && !instant.isAfter(certificate.getNotAfter().toInstant());
  }

  /** The identity a citizen certificate names; empty if it names no personal code. */
  public static Optional<CitizenIdentity> identity(X509Certificate certificate) {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    String serialNumber = first(subject, BCStyle.SERIALNUMBER);
    String name = first(subject, BCStyle.CN);
    if (serialNumber == null || name == null || !serialNumber.matches("PNO[A-Z]{2}-\\d{11}")) {
      return Optional.empty();
    }
    return Optional.of(
        new CitizenIdentity(
            serialNumber.substring(6),
            name,
            serialHex(certificate.getSerialNumber()),
            certificate.getNotBefore().toInstant(),
            certificate.getNotAfter().toInstant()));
  }

  /**
   * True if {@code signature} (DER ECDSA, as {@code openssl dgst -sha256 -sign} writes it) is the
   * certified key's signature over {@code data} with SHA-256.
   */
  public boolean verifySignature(X509Certificate certificate, byte[] data, byte[] signature) {
    PublicKey key = certificate.getPublicKey();
    if (!"EC".equals(key.getAlgorithm())) {
      return false;
    }
    try {
      Signature verify = Signature.getInstance("SHA256withECDSA", verifier);
      verify.initVerify(key);
      verify.update(data);
      return verify.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** A serial number as upper-case hex, as {@code openssl x509 -serial} prints it. */
  public static String serialHex(BigInteger serial) {
    String hex = serial.toString(16).toUpperCase(Locale.ROOT);
    return hex.length() % 2 == 0 ? hex : "0" + hex;
  }

  /** Parses upper- or lower-case hex (an optional {@code serial=} prefix as openssl prints it). */
  public static Optional<BigInteger> parseSerial(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String hex = text.strip();
    if (hex.startsWith("serial=")) {
      hex = hex.substring("serial=".length());
    }
    if (hex.isEmpty() || hex.length() > 40 || !hex.matches("[0-9A-Fa-f]+")) {
      return Optional.empty();
    }
    return Optional.of(new BigInteger(1, HexFormat.of().parseHex(hex.length() % 2 == 0 ? hex : "0" + hex)));
  }

  private static String first(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
    RDN[] rdns = name.getRDNs(type);
    return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
  }
}
