package org.dataembassy.runtime.crypto.token;

import java.io.IOException;
import java.nio.file.Path;
import org.dataembassy.runtime.security.OperatorRole;
import java.util.Optional;
import java.nio.file.Files;
import org.dataembassy.runtime.crypto.Pem;
import org.dataembassy.runtime.crypto.HttpsNames;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;
import org.dataembassy.runtime.crypto.ceremony.CeremonyMessages;
import org.dataembassy.runtime.crypto.ceremony.RootCertification;
import org.dataembassy.runtime.crypto.ceremony.SiteKeyRequests;
import org.dataembassy.runtime.crypto.ceremony.StateRootKey;
import org.dataembassy.runtime.crypto.ceremony.IssuedCertificates;
import org.dataembassy.runtime.crypto.ceremony.SiteRevocation;
import java.util.List;

/**
 * The state's key ceremony, one token at a time: a plain program (no Quarkus), run once per token
 * with that token's {@code SOFTHSM2_CONF}, so each process sees only the token it works on — the
 * state's ({@code data/state/}, standing for the offline root) or one site's. {@code ./embassy}
 * runs it; an operator at a real HSM runs the same steps.
 *
 * <ul>
 *   <li>{@code init-token DIR}: a SoftHSM2 token for {@code DIR} (local federation only)
 *   <li>{@code init-state DIR}: (the token first, if {@code DIR} has none) in the state's token,
 *       the wrapping key, data key v1 and the index key, sealed under {@code DIR/keys/}, and the
 *       state root's key, its certificate published as {@code ca.pem} beside {@code DIR} (nothing
 *       happens for what exists)
 *   <li>{@code rotate DIR}: a new data key version in the state's token; prints the version
 *   <li>{@code export DIR [SITE]}: every data and index key of {@code DIR}, in the clear, to
 *       standard output (a pipe to {@code import}); refused if the state revoked {@code SITE}
 *   <li>{@code import DIR}: the keys on standard input, sealed under {@code DIR}'s token (made
 *       first if {@code DIR} has none)
 *   <li>{@code certify-keys DIR} (a site's token): makes the site's keys that need a certificate,
 *       prints a certification request for each ({@link CeremonyMessages}), reads the
 *       certificates on standard input and stores them with the keys
 *   <li>{@code certify DIR SITE} (the state's token): reads a site's requests on standard input,
 *       prints the root's certificates
 *   <li>{@code delegate-ocsp DIR} (a site's token): its issuing CA delegates OCSP to every site's
 *       responder
 *   <li>{@code revoke-site DIR SITE} (the state's token): every certificate the root issued to
 *       {@code SITE} onto the root's revocation list {@code DIR/revoked-sites.crl}; prints how many
 *   <li>{@code operator DIR OUT NAME ROLE} (the state's token): a person's certificate into {@code OUT}
 * </ul>
 *
 * A token directory {@code DIR} holds {@code token/pkcs11.cfg} and {@code token/pin}. Errors are
 * one line on standard error and exit status 1.
 */
public final class KeyCeremony {

  private static final String USAGE =
      "usage: KeyCeremony init-token|init-state|rotate|import|certify-keys|delegate-ocsp DIR"
          + " | export DIR [SITE] | certify|revoke-site DIR SITE | operator DIR OUT NAME operator|auditor";

  private KeyCeremony() {}

  public static void main(String[] args) {
    try {
      if (args.length < 2) {
        throw new IllegalArgumentException(USAGE);
      }
      Path dir = Path.of(args[1]);
      int arity = switch (args[0]) {
        case "certify", "revoke-site" -> 3;
        case "operator" -> 5;
        default -> 2;
      };
      if (args.length != arity && !(args[0].equals("export") && args.length == 3)) {
        throw new IllegalArgumentException(USAGE);
      }
      switch (args[0]) {
        case "init-token" -> initToken(dir);
        case "init-state" -> {
          initTokenIfMissing(dir);
          initState(dir);
          initRoot(dir);
        }
        case "rotate" -> System.out.println(rotate(dir));
        case "export" -> {
          if (args.length > 2) {
            refuseRevoked(dir, args[2]);
          }
          keysOf(dir).export().writeTo(System.out);
        }
        case "import" -> {
          ClearStateKeys keys = ClearStateKeys.readFrom(System.in);
          initTokenIfMissing(dir);
          System.out.println(deliver(dir, keys));
        }
        case "certify-keys" -> {
          SiteKeyRequests requests = SiteKeyRequests.prepare(openToken(dir), dataDirOf(dir), dir.getFileName().toString());
          CeremonyMessages.write(requests.requests(), System.out);
          requests.install(CeremonyMessages.read(System.in));
        }
        case "certify" -> CeremonyMessages.write(
            certify(dir, args[2], CeremonyMessages.read(System.in)), System.out);
        case "revoke-site" -> System.out.println(
            SiteRevocation.revoke(StateRootKey.load(openToken(dir), dataDirOf(dir)), dir, args[2]));
        case "delegate-ocsp" -> System.out.println(delegateOcsp(dir));
        case "operator" -> {
          OperatorRole role =
              OperatorRole.parse(args[4]).orElseThrow(() -> new IllegalArgumentException("role must be operator or auditor: " + args[4]));
          System.out.println(issueOperator(StateRootKey.load(openToken(dir), dataDirOf(dir)), Path.of(args[2]), args[3], role));
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

  /** Makes the state root in the state's token unless it holds one; returns it. */
  public static StateCertificateAuthority initRoot(Path stateDir) throws IOException {
    return StateRootKey.ensure(openToken(stateDir), dataDirOf(stateDir), HttpsNames.stateName(zone()));
  }

  /**
   * Certifies a site's keys with the state root in one process — which works only where one
   * process sees both tokens (the tests: one SoftHSM configuration, two slots); {@code ./embassy}
   * runs {@code certify-keys} and {@code certify} as two processes instead.
   */
  public static void certifySiteKeys(Path siteDir, Path stateDir) throws IOException {
    String site = siteDir.getFileName().toString();
    SiteKeyRequests requests = SiteKeyRequests.prepare(openToken(siteDir), dataDirOf(siteDir), site);
    requests.install(certify(stateDir, site, requests.requests()));
  }

  /**
   * The state root's certificates for a site's requests, each recorded with the state ({@link
   * IssuedCertificates}: what revoking the site revokes).
   */
  public static List<CeremonyMessages.Item> certify(Path stateDir, String site, List<CeremonyMessages.Item> requests)
      throws IOException {
    StateCertificateAuthority root = StateRootKey.load(openToken(stateDir), dataDirOf(stateDir));
    if (SiteRevocation.revoked(root, stateDir, site)) {
      throw new IOException("site " + site + " was revoked by the state: its keys are never certified again");
    }
    List<CeremonyMessages.Item> certificates = RootCertification.certify(root, site, requests);
    for (CeremonyMessages.Item item : certificates) {
      IssuedCertificates.record(stateDir, site, item.kind(), Pem.readCertificate(item.der()));
    }
    return certificates;
  }

  /** Stops an export for a site the state revoked: its token — perhaps the host's new one — gets no key. */
  private static void refuseRevoked(Path stateDir, String site) throws IOException {
    if (SiteRevocation.revoked(StateRootKey.load(openToken(stateDir), dataDirOf(stateDir)), stateDir, site)) {
      throw new IOException("site " + site + " was revoked by the state: it is never given the state's keys or certified again (a new embassy takes a new site id)");
    }
  }

  private static String zone() {
    return Optional.ofNullable(System.getenv("EMBASSY_FEDERATION_ZONE")).orElse("gov.example");
  }

  /** The federation's data directory: the parent of every token directory. */
  private static Path dataDirOf(Path dir) {
    return dir.toAbsolutePath().getParent();
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
   * Issues a person's operator (or auditor) certificate from the state root into {@code dir}
   * ({@code cert.pem}, and {@code key.pem} owner-only, in a directory of its own outside every
   * site's), unless a current one is there; returns the certificate's subject.
   */
  public static String issueOperator(StateCertificateAuthority root, Path dir, String name, OperatorRole role) throws IOException {
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
    try {
      java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
      generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
      java.security.KeyPair pair = generator.generateKeyPair();
      java.security.cert.X509Certificate issued = root.certifyOperatorKey(name, role, pair.getPublic(), OPERATOR_VALIDITY);
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
