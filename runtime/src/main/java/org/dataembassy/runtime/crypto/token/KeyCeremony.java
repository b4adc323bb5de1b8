package org.dataembassy.runtime.crypto.token;

import java.io.IOException;
import java.nio.file.Path;
import org.dataembassy.runtime.security.OperatorRole;
import java.util.Optional;
import java.nio.file.Files;
import org.dataembassy.runtime.crypto.Pem;
import org.dataembassy.runtime.crypto.SiteTlsProvisioner;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;
import org.dataembassy.runtime.sitelink.SiteLinkCertificates;

/**
 * The state's key ceremony for its symmetric keys, one token at a time: a plain program (no
 * Quarkus), run once per token with that token's {@code SOFTHSM2_CONF}, so each process sees only
 * the token it works on. {@code ./embassy} runs it; an operator at a real HSM runs the same steps.
 *
 * <ul>
 *   <li>{@code init-token DIR}: a SoftHSM2 token for {@code DIR} (local federation only)
 *   <li>{@code init-state DIR}: (the token first, if {@code DIR} has none) in the state's token, the wrapping key, data key v1 and the index
 *       key, sealed under {@code DIR/keys/} (nothing happens if they exist)
 *   <li>{@code rotate DIR}: a new data key version in the state's token; prints the version
 *   <li>{@code export DIR}: every key of {@code DIR}, in the clear, to standard output (a pipe to
 *       {@code import})
 *   <li>{@code import DIR}: the keys on standard input, sealed under {@code DIR}'s token (made
 *       first if {@code DIR} has none); then {@code site-signing-keys}, and with {@code
 *       EMBASSY_SITE_ADDRESS} the site's TLS and site-link certificates
 *   <li>{@code site-signing-keys DIR}: the site's own TSA and OCSP keys, generated in its token and
 *       certified by the state CA (at the site named by {@code DIR}'s last element)
 * </ul>
 *
 * A token directory {@code DIR} holds {@code token/pkcs11.cfg} and {@code token/pin}. Errors are
 * one line on standard error and exit status 1.
 */
public final class KeyCeremony {

  private KeyCeremony() {}

  public static void main(String[] args) {
    try {
      if (args.length < 2 || (args.length != 2 && !args[0].equals("operator"))) {
        throw new IllegalArgumentException(
            "usage: KeyCeremony init-token|init-state|rotate|export|import|site-signing-keys DIR"
                + " | operator DIR NAME operator|auditor");
      }
      Path dir = Path.of(args[1]);
      switch (args[0]) {
        case "init-token" -> initToken(dir);
        case "init-state" -> {
          initTokenIfMissing(dir);
          initState(dir);
        }
        case "rotate" -> System.out.println(rotate(dir));
        case "export" -> keysOf(dir).export().writeTo(System.out);
        case "import" -> {
          ClearStateKeys keys = ClearStateKeys.readFrom(System.in);
          initTokenIfMissing(dir);
          System.out.println(deliver(dir, keys));
          issueSigningKeys(dir);
          String address = System.getenv("EMBASSY_SITE_ADDRESS");
          if (address != null && !address.isBlank()) {
            issueSiteCertificates(dir, address);
          }
        }
        case "site-signing-keys" -> issueSigningKeys(dir);
        case "delegate-ocsp" -> System.out.println(delegateOcsp(dir));
        case "operator" -> {
          if (args.length != 4) {
            throw new IllegalArgumentException("usage: KeyCeremony operator DIR NAME operator|auditor");
          }
          OperatorRole role =
              OperatorRole.parse(args[3]).orElseThrow(() -> new IllegalArgumentException("role must be operator or auditor: " + args[3]));
          // the federation's data directory, whose state CA certifies the person (never made here)
          Path dataDir = Path.of(Optional.ofNullable(System.getenv("EMBASSY_DATA_DIR")).orElse(dir.toAbsolutePath().getParent().toString()));
          System.out.println(issueOperator(dataDir, dir, args[2], role));
        }
        default -> throw new IllegalArgumentException("unknown ceremony step " + args[0]);
      }
      System.exit(0);
    } catch (IOException | RuntimeException e) {
      System.err.println("key ceremony: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Makes {@code dir}'s SoftHSM2 token (the local stand-in for an HSM) under the SoftHSM
   * configuration {@code SOFTHSM2_CONF} names, unless it has one.
   */
  public static boolean initToken(Path dir) throws IOException {
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null || conf.isBlank()) {
      throw new IOException("SOFTHSM2_CONF is not set: it names the SoftHSM configuration of " + dir);
    }
    return SoftHsmToken.initialise(dir, Path.of(conf), "embassy-" + dir.getFileName());
  }

  private static void initTokenIfMissing(Path dir) throws IOException {
    if (!java.nio.file.Files.exists(tokenConfig(dir))) {
      initToken(dir);
    }
  }

  /** Creates the state's keys if the state's token has none yet; returns whether it did. */
  public static boolean initState(Path dir) throws IOException {
    SealedStateKeys keys = SealedStateKeys.openOrInitialise(openToken(dir), keysDir(dir));
    if (keys.deliveredVersions().length > 0) {
      return false;
    }
    keys.store(ClearStateKeys.fresh());
    return true;
  }

  /** Adds the next data key version to the state's token; returns it. */
  public static int rotate(Path dir) throws IOException {
    SealedStateKeys keys = keysOf(dir);
    ClearStateKeys next = keys.export().withNextVersion();
    keys.store(next);
    return next.dataKeys().lastKey();
  }

  /** Seals the given keys under {@code dir}'s token (making its wrapping key first if needed). */
  public static int deliver(Path dir, ClearStateKeys keys) throws IOException {
    return SealedStateKeys.openOrInitialise(openToken(dir), keysDir(dir)).store(keys);
  }

  /**
   * Makes the site's own TSA and OCSP keys in its token, certified by the state CA of the
   * federation's data directory ({@code DIR}'s parent), unless it holds them.
   */
  public static void issueSigningKeys(Path dir) throws IOException {
    String zone = Optional.ofNullable(System.getenv("EMBASSY_FEDERATION_ZONE")).orElse("gov.example");
    StateCertificateAuthority ca =
        StateCertificateAuthority.loadOrCreate(dir.toAbsolutePath().getParent(), SiteTlsProvisioner.stateName(zone));
    issueSigningKeys(dir, ca);
  }

  /**
   * Issues the site's TLS certificate (service names, its name, {@code address}) and its site-link
   * certificate from the state CA, unless valid ones exist.
   */
  public static void issueSiteCertificates(Path dir, String address) throws IOException {
    String zone = Optional.ofNullable(System.getenv("EMBASSY_FEDERATION_ZONE")).orElse("gov.example");
    Path dataDir = dir.toAbsolutePath().getParent();
    String site = dir.getFileName().toString();
    SiteTlsProvisioner.ensure(dataDir, site, address, zone);
    SiteLinkCertificates.ensureInToken(
        openToken(dir), StateCertificateAuthority.loadOrCreate(dataDir, SiteTlsProvisioner.stateName(zone)), dataDir, site);
    java.nio.file.Files.deleteIfExists(dir.resolve("tls").resolve("link-key.pem")); // from before the key was in the token
  }

  public static void issueSigningKeys(Path dir, StateCertificateAuthority ca) throws IOException {
    SiteToken token = openToken(dir);
    String site = dir.getFileName().toString();
    for (SigningService service : SigningService.values()) {
      SiteSigningKeys.ensure(token, ca, service, site);
    }
    SiteSigningKeys.ensureIssuingCa(token, ca, site);
    // the journal certificate is public: every site needs it to check this site's entries
    publish(JournalCertificateFiles.file(dir.resolve("pki"), site), SiteSigningKeys.load(token, SigningService.JOURNAL).certificate());
    // and the OCSP responder's, which every site's issuing CA delegates to (delegate-ocsp)
    publish(
        org.dataembassy.runtime.crypto.ocsp.OcspDelegations.responderFile(dir.resolve("pki"), site),
        SiteSigningKeys.load(token, SigningService.OCSP).certificate());
    // so is the issuing CA's: every site checks the citizens enrolled here against it
    publish(
        org.dataembassy.runtime.crypto.IssuingCas.file(dir.resolve("pki"), site),
        SiteSigningKeys.loadKey(token, SiteSigningKeys.ISSUING_CA).certificate());
  }

  private static void publish(Path file, java.security.cert.X509Certificate certificate) throws IOException {
    String pem = Pem.encode(certificate);
    if (!Files.exists(file) || !Files.readString(file).equals(pem)) {
      Pem.write(file, pem, false);
    }
  }

  /**
   * For the key ceremony: this site's issuing CA delegates OCSP for the certificates it issues to
   * every site's OCSP responder whose certificate ({@code pki/ocsp-<site>.pem}, from the state
   * root) it has, so any site answers for the citizens enrolled here (RFC 6960 §4.2.2.2: a
   * responder for another CA's certificates is not trusted). Writes {@code
   * pki/ocsp-<responder>-by-<this site>.pem} where missing, for another key, or due for renewal;
   * returns how many it issued.
   */
  public static int delegateOcsp(Path dir) throws IOException {
    SiteToken token = openToken(dir);
    String site = dir.getFileName().toString();
    SiteSigningKeys.TokenKey issuing = SiteSigningKeys.loadKey(token, SiteSigningKeys.ISSUING_CA);
    StateCertificateAuthority ca =
        StateCertificateAuthority.withKey(issuing.certificate(), issuing.privateKey(), token.provider());
    Path pki = dir.resolve("pki");
    int issued = 0;
    for (var responder : org.dataembassy.runtime.crypto.ocsp.OcspDelegations.responders(pki, issuing.issuer()).entrySet()) {
      Path file = org.dataembassy.runtime.crypto.ocsp.OcspDelegations.delegationFile(pki, responder.getKey(), site);
      if (org.dataembassy.runtime.crypto.ocsp.OcspDelegations.current(file, issuing.certificate(), responder.getValue().getPublicKey())) {
        continue;
      }
      Pem.write(
          file,
          Pem.encode(ca.certifySiteServiceKey(SigningService.OCSP, responder.getValue().getPublicKey(), responder.getKey(), java.time.Duration.ofDays(3 * 365))),
          false);
      issued++;
    }
    return issued;
  }

  /** How long an operator's certificate is good for. */
  public static final java.time.Duration OPERATOR_VALIDITY = java.time.Duration.ofDays(365);

  /**
   * Issues a person's operator (or auditor) certificate from the state root of {@code dataDir}
   * (which must exist: issuing a person never makes a CA) into {@code dir}
   * ({@code cert.pem}, and {@code key.pem} owner-only, in a directory of its own outside every
   * site's), unless a current one is there; returns the certificate's subject.
   */
  public static String issueOperator(Path dataDir, Path dir, String name, OperatorRole role) throws IOException {
    if (name == null || !name.matches("[A-Za-z0-9 ._-]{1,64}")) {
      throw new IllegalArgumentException("an operator's name is 1-64 letters, digits, spaces, '.', '_' or '-'");
    }
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    if (Files.exists(cert) && Files.exists(key)) {
      java.security.cert.X509Certificate existing = Pem.readCertificate(cert);
      if (existing.getNotAfter().toInstant().isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(30)))) {
        return existing.getSubjectX500Principal().getName();
      }
    }
    StateCertificateAuthority ca = StateCertificateAuthority.load(dataDir);
    try {
      java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
      generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
      java.security.KeyPair pair = generator.generateKeyPair();
      java.security.cert.X509Certificate issued = ca.certifyOperatorKey(name, role, pair.getPublic(), OPERATOR_VALIDITY);
      Files.createDirectories(dir);
      ownerOnly(dir);
      Pem.write(key, Pem.encodePrivateKey(pair.getPrivate()), true);
      Pem.write(cert, Pem.encode(issued), false);
      return issued.getSubjectX500Principal().getName();
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot make the operator's key: " + e.getMessage(), e);
    }
  }

  private static void ownerOnly(Path dir) throws IOException {
    try {
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to tighten
    }
  }

  private static SealedStateKeys keysOf(Path dir) throws IOException {
    return SealedStateKeys.open(openToken(dir), keysDir(dir));
  }

  public static Path keysDir(Path dir) {
    return dir.resolve("keys");
  }

  public static Path tokenConfig(Path dir) {
    return dir.resolve("token").resolve("pkcs11.cfg");
  }

  public static Path pinFile(Path dir) {
    return dir.resolve("token").resolve("pin");
  }

  private static SiteToken openToken(Path dir) throws IOException {
    return SiteToken.open(
        tokenConfig(dir),
        TokenPin.read(Optional.ofNullable(System.getenv("EMBASSY_CRYPTO_TOKEN_PIN")), pinFile(dir)));
  }

}
