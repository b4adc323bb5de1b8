package org.dataembassy.runtime.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority of the state (ECDSA P-256): the state root, whose certificate is {@code
 * <data-dir>/ca.pem} and whose key is in the state's token alone (the key ceremony's; no site holds
 * it), or a site's issuing CA, whose key is in that site's token. Signs through the provider of the
 * token that holds its key: the key never enters this process.
 */
public final class StateCertificateAuthority {

  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509Certificate certificate;
  private final java.security.PrivateKey signingKey;
  /** The provider that signs with {@link #signingKey} (a token's), or null for the JVM's default. */
  private final java.security.Provider provider;

  private StateCertificateAuthority(X509Certificate certificate, java.security.PrivateKey signingKey, java.security.Provider provider) {
    this.certificate = certificate;
    this.signingKey = signingKey;
    this.provider = provider;
  }

  /**
   * A CA whose key is held elsewhere, typically a site's issuing CA inside its PKCS#11 token:
   * certificates are signed through {@code provider} and the key never enters this process.
   */
  public static StateCertificateAuthority withKey(
      X509Certificate certificate, java.security.PrivateKey key, java.security.Provider provider) {
    return new StateCertificateAuthority(certificate, key, provider);
  }

  public static Path certificateFile(Path dataDir) {
    return dataDir.resolve("ca.pem");
  }

  /**
   * A root whose key exists in this process's memory only, never written anywhere: for tests and
   * benchmarks. The federation's root is made in the state's token ({@code
   * org.dataembassy.runtime.crypto.ceremony.StateRootKey}).
   */
  public static StateCertificateAuthority inMemory(String stateName) {
    try {
      KeyPair pair = newKeyPair();
      return selfSigned(stateName, pair.getPublic(), pair.getPrivate(), null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a state CA", e);
    }
  }

  /**
   * A new state root: a self-signed CA certificate ({@code CN=<state> State CA,O=<state>}, ten
   * years) for {@code publicKey}, signed with {@code signingKey} through {@code provider} (the
   * state token's; null for the JVM's default).
   */
  public static StateCertificateAuthority selfSigned(
      String stateName, PublicKey publicKey, java.security.PrivateKey signingKey, java.security.Provider provider) {
    try {
      X500Name subject = new X500Name("CN=" + stateName + " State CA,O=" + stateName);
      Instant now = Instant.now();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject,
                  serial(),
                  Date.from(now.minus(Duration.ofMinutes(5))),
                  Date.from(now.plus(Duration.ofDays(3650))),
                  subject,
                  publicKey)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(publicKey));
      return new StateCertificateAuthority(sign(builder, signingKey, provider), signingKey, provider);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot create the state CA", e);
    }
  }

  /** Writes this CA's certificate as {@code <data-dir>/ca.pem} (public: what citizens and sites trust). */
  public void writeCertificate(Path dataDir) throws IOException {
    Pem.write(certificateFile(dataDir), Pem.encode(certificate), false);
  }

  /**
   * Issues a TLS server (and client, for inter-site mTLS) certificate for the given DNS names and
   * IP addresses.
   */
  public IssuedCertificate issueTlsCertificate(
      String commonName, List<String> dnsNames, List<String> ipAddresses, Duration validity) {
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
    ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return issue(commonName, names, validity);
  }

  /**
   * Certifies a site's TLS key (generated at the site) for the given DNS names and IP addresses:
   * server and client authentication, as {@link #issueTlsCertificate}.
   */
  public X509Certificate certifyTlsKey(
      String commonName, List<String> dnsNames, List<String> ipAddresses, PublicKey key, Duration validity) {
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
    ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    try {
      return issueFor(
          new X500Name("CN=" + commonName),
          key,
          validity,
          new KeyUsage(KeyUsage.digitalSignature),
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}),
          false,
          new GeneralNames(names.toArray(GeneralName[]::new)));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot certify the TLS key of " + commonName, e);
    }
  }

  /**
   * Issues the certificate a site presents on its links to the other sites (JGroups: Raft and
   * cross-site replication), in both directions. It names the site by a URI, {@code
   * urn:embassy:site:<id>}, which no HTTPS certificate carries: peers admit a link only from a
   * certificate that names a site of the federation.
   */
  public IssuedCertificate issueSiteLinkCertificate(String siteId, Duration validity) {
    return issue(
        siteId + ".site-link",
        List.of(new GeneralName(GeneralName.uniformResourceIdentifier, SITE_URI_PREFIX + siteId)),
        validity);
  }

  /** Extended key usage of a site's journal-signing certificate (in the example arc, as the TSA policy). */
  public static final org.bouncycastle.asn1.ASN1ObjectIdentifier JOURNAL_SIGNING =
      new org.bouncycastle.asn1.ASN1ObjectIdentifier("2.999.2.1");

  /** Certifies a site's link key, generated in its token: as {@link #issueSiteLinkCertificate}. */
  public X509Certificate certifySiteLinkKey(String siteId, PublicKey key, Duration validity) {
    try {
      return issueFor(
          new X500Name("CN=" + siteId + ".site-link"),
          key,
          validity,
          new KeyUsage(KeyUsage.digitalSignature),
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}),
          false,
          new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, SITE_URI_PREFIX + siteId)));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot certify the site-link key of " + siteId, e);
    }
  }

  /**
   * Certifies an operator's (or auditor's) key: a client certificate naming the person ({@code
   * CN=<name>,OU=Operators,O=<state>}) and their role ({@code urn:embassy:role:<role>}), for TLS
   * client authentication only.
   */
  public X509Certificate certifyOperatorKey(
      String name, org.dataembassy.runtime.security.OperatorRole role, PublicKey key, Duration validity) {
    try {
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.O, stateName())
              .addRDN(BCStyle.OU, "Operators")
              .addRDN(BCStyle.CN, name)
              .build();
      return issueFor(
          subject,
          key,
          validity,
          new KeyUsage(KeyUsage.digitalSignature),
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}),
          false,
          new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, role.uri())));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot certify the key of operator " + name, e);
    }
  }

  /**
   * Certifies a site's issuing CA key, generated in its token: an intermediate CA ({@code pathLen
   * 0}: it certifies citizens, never another CA) named for the site ({@code GOV Issuing CA (lux)}),
   * for the enrolments made there. Only the state root does this, at the key ceremony.
   */
  public X509Certificate certifyIssuingCaKey(String siteId, PublicKey key, Duration validity) {
    try {
      X509v3CertificateBuilder builder =
          certificateFor(
              new X500Name("CN=" + stateName() + " " + ISSUING_CA_NAME + " (" + siteId + "),O=" + stateName()),
              key,
              validity,
              new BasicConstraints(0),
              new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return sign(builder, signingKey, provider);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot certify the issuing CA key of " + siteId, e);
    }
  }

  /** A CRL entry extension naming the site a revoked certificate was issued to (UTF8String). */
  public static final org.bouncycastle.asn1.ASN1ObjectIdentifier REVOKED_SITE =
      new org.bouncycastle.asn1.ASN1ObjectIdentifier("2.999.2.2");

  /** One certificate on a revocation list: its serial, the site it was issued to, since when. */
  public record Revoked(BigInteger serial, String site, Instant at) {}

  /**
   * An X.509 CRL of this CA (RFC 5280, v2, CRL number {@code number}, reason keyCompromise) listing
   * {@code revoked}, each entry naming its site ({@link #REVOKED_SITE}); valid until {@code
   * nextUpdate}.
   */
  public java.security.cert.X509CRL revocationList(List<Revoked> revoked, BigInteger number, Instant nextUpdate) {
    try {
      Instant now = Instant.now();
      org.bouncycastle.cert.X509v2CRLBuilder builder =
          new org.bouncycastle.cert.X509v2CRLBuilder(
              X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), Date.from(now));
      builder.setNextUpdate(Date.from(nextUpdate));
      for (Revoked entry : revoked) {
        org.bouncycastle.asn1.x509.ExtensionsGenerator extensions = new org.bouncycastle.asn1.x509.ExtensionsGenerator();
        extensions.addExtension(org.bouncycastle.asn1.x509.Extension.reasonCode, false,
            org.bouncycastle.asn1.x509.CRLReason.lookup(org.bouncycastle.asn1.x509.CRLReason.keyCompromise));
        extensions.addExtension(REVOKED_SITE, false, new org.bouncycastle.asn1.DERUTF8String(entry.site()));
        builder.addCRLEntry(entry.serial(), Date.from(entry.at()), extensions.generate());
      }
      builder.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(number));
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
      JcaContentSignerBuilder signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM);
      if (provider != null) {
        signer.setProvider(provider);
      }
      return new org.bouncycastle.cert.jcajce.JcaX509CRLConverter().getCRL(builder.build(signer.build(signingKey)));
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("cannot sign the revocation list", e);
    }
  }

  /** What an issuing CA's common name says it is, before the site's id in brackets. */
  public static final String ISSUING_CA_NAME = "Issuing CA";

  /** The URI by which a site-link certificate names its site. */
  public static final String SITE_URI_PREFIX = "urn:embassy:site:";

  private IssuedCertificate issue(String commonName, List<GeneralName> names, Duration validity) {
    try {
      KeyPair pair = newKeyPair();
      X509Certificate cert =
          issueFor(
              new X500Name("CN=" + commonName),
              pair.getPublic(),
              validity,
              new KeyUsage(KeyUsage.digitalSignature),
              new ExtendedKeyUsage(
                  new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}),
              false,
              new GeneralNames(names.toArray(GeneralName[]::new)));
      return new IssuedCertificate(cert, pair, certificate);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + commonName, e);
    }
  }

  /**
   * Issues a citizen's eID certificate for a key the citizen holds (as an ID card holds it): the
   * subject names the person, with the personal code as {@code serialNumber=PNO<country>-<code>}
   * (ETSI EN 319 412-1 semantics identifier); usable for authentication and for signatures.
   */
  public X509Certificate issueCitizenCertificate(
      PublicKey citizenKey, String personalCode, String name, String country, Duration validity) {
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, country)
            .addRDN(BCStyle.CN, name)
            .addRDN(BCStyle.SERIALNUMBER, "PNO" + country + "-" + personalCode)
            .build();
    try {
      return issueFor(
          subject,
          citizenKey,
          validity,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation),
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection}),
          false,
          null);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue a citizen certificate", e);
    }
  }

  /**
   * Issues the certificate of one of the state's signing services: the time-stamping authority
   * (extended key usage timeStamping, critical, as RFC 3161 requires) or the OCSP responder
   * (id-kp-OCSPSigning).
   */
  public IssuedCertificate issueServiceCertificate(SigningService service, Duration validity) {
    try {
      KeyPair pair = newKeyPair();
      X509Certificate cert =
          issueFor(
              new X500Name("CN=" + stateName() + " " + service.commonName() + ",O=" + stateName()),
              pair.getPublic(),
              validity,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation),
              new ExtendedKeyUsage(service.purpose()),
              service.criticalPurpose(),
              null);
      return new IssuedCertificate(cert, pair, certificate);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue the " + service + " certificate", e);
    }
  }

  /**
   * Certifies one site's key of a signing service, a key generated in that site's token: the
   * subject names the service and the site ({@code GOV Time-Stamping Authority (lux)}), so every
   * token or response says which site signed it.
   */
  public X509Certificate certifySiteServiceKey(
      SigningService service, PublicKey key, String siteId, Duration validity) {
    try {
      return issueFor(
          new X500Name("CN=" + stateName() + " " + service.commonName() + " (" + siteId + "),O=" + stateName()),
          key,
          validity,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation),
          new ExtendedKeyUsage(service.purpose()),
          service.criticalPurpose(),
          null);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot certify the " + service + " key of " + siteId, e);
    }
  }

  /** The services whose keys the state CA certifies. */
  public enum SigningService {
    TIME_STAMPING("Time-Stamping Authority", KeyPurposeId.id_kp_timeStamping, true),
    OCSP("OCSP Responder", KeyPurposeId.id_kp_OCSPSigning, false),
    /** A site's journal entries ({@link #JOURNAL_SIGNING}, critical: good for nothing else). */
    JOURNAL("Journal Signing", KeyPurposeId.getInstance(JOURNAL_SIGNING), true);

    private final String commonName;
    private final KeyPurposeId purpose;
    private final boolean criticalPurpose;

    SigningService(String commonName, KeyPurposeId purpose, boolean criticalPurpose) {
      this.commonName = commonName;
      this.purpose = purpose;
      this.criticalPurpose = criticalPurpose;
    }

    String commonName() {
      return commonName;
    }

    KeyPurposeId purpose() {
      return purpose;
    }

    boolean criticalPurpose() {
      return criticalPurpose;
    }
  }

  private X509Certificate issueFor(
      X500Name subject,
      PublicKey key,
      Duration validity,
      KeyUsage keyUsage,
      ExtendedKeyUsage extendedKeyUsage,
      boolean extendedKeyUsageCritical,
      GeneralNames subjectAltNames)
      throws GeneralSecurityException, CertIOException {
    X509v3CertificateBuilder builder =
        certificateFor(subject, key, validity, new BasicConstraints(false), keyUsage)
            .addExtension(Extension.extendedKeyUsage, extendedKeyUsageCritical, extendedKeyUsage);
    if (subjectAltNames != null) {
      builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames);
    }
    return sign(builder, signingKey, provider);
  }

  /** A certificate this CA issues, with what every one carries: validity, constraints, usage, key ids. */
  private X509v3CertificateBuilder certificateFor(
      X500Name subject, PublicKey key, Duration validity, BasicConstraints constraints, KeyUsage keyUsage)
      throws GeneralSecurityException, CertIOException {
    Instant now = Instant.now();
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    return new JcaX509v3CertificateBuilder(
            X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
            serial(),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(validity)),
            subject,
            key)
        .addExtension(Extension.basicConstraints, true, constraints)
        .addExtension(Extension.keyUsage, true, keyUsage)
        .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate))
        .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
  }

  private String stateName() {
    return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
        .getRDNs(BCStyle.O)[0]
        .getFirst()
        .getValue()
        .toString();
  }

  public X509Certificate certificate() {
    return certificate;
  }

  private static X509Certificate sign(
      X509v3CertificateBuilder builder, java.security.PrivateKey key, java.security.Provider provider)
      throws GeneralSecurityException {
    try {
      JcaContentSignerBuilder signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM);
      if (provider != null) {
        signer.setProvider(provider);
      }
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer.build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  /** A certificate with its key pair and the issuing CA's certificate. */
  public record IssuedCertificate(X509Certificate certificate, KeyPair keyPair, X509Certificate issuer) {

    /** The certificate followed by the CA certificate, as TLS servers present them. */
    public String chainPem() {
      return Pem.encode(certificate, issuer);
    }

    public String privateKeyPem() {
      return Pem.encodePrivateKey(keyPair.getPrivate());
    }
  }
}
