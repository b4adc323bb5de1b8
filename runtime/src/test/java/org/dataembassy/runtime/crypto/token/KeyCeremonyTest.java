package org.dataembassy.runtime.crypto.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.security.Signature;
import javax.crypto.SecretKey;
import org.dataembassy.runtime.crypto.Pem;
import org.dataembassy.runtime.crypto.SigningIdentity;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The key ceremony against real SoftHSM2 tokens, all in one SoftHSM configuration. SoftHSM lists
 * its tokens once, when a process first uses it, so every token a test uses is made before.
 */
class KeyCeremonyTest {

  private static final Path SOFTHSM_CONF = Path.of(System.getenv("SOFTHSM2_CONF"));
  private static final int TESTS = 12;
  private static final Deque<Path[]> TOKENS = new ArrayDeque<>();

  private Path state;
  private Path site;

  @BeforeAll
  static void makeTokens() throws Exception {
    for (int i = 0; i < TESTS; i++) {
      String run = UUID.randomUUID().toString().substring(0, 8);
      Path root = Path.of("target", "ceremony-" + run).toAbsolutePath();
      Path[] pair = {root.resolve("state"), root.resolve("lux")};
      assertThat(SoftHsmToken.initialise(pair[0], SOFTHSM_CONF, "state-" + run)).isTrue();
      assertThat(SoftHsmToken.initialise(pair[1], SOFTHSM_CONF, "lux-" + run)).isTrue();
      assertThat(SoftHsmToken.initialise(pair[1], SOFTHSM_CONF, "again")).as("made once").isFalse();
      TOKENS.add(pair);
    }
  }

  @BeforeEach
  void tokens() {
    Path[] pair = TOKENS.pop();
    state = pair[0];
    site = pair[1];
  }

  private static SiteToken open(Path dir) throws Exception {
    return SiteToken.open(KeyCeremony.tokenConfig(dir), TokenPin.read(Optional.empty(), KeyCeremony.pinFile(dir)));
  }

  private static SealedStateKeys keysOf(Path dir) throws Exception {
    return SealedStateKeys.open(open(dir), KeyCeremony.keysDir(dir));
  }

  @Test
  void shouldDeliverTheStatesKeysToASiteSealedUnderTheSitesOwnToken() throws Exception {
    assertThat(KeyCeremony.initState(state)).isTrue();
    assertThat(KeyCeremony.initState(state)).as("a second run changes nothing").isFalse();

    KeyCeremony.deliver(site, keysOf(state).export());

    SealedStateKeys atSite = keysOf(site);
    assertThat(atSite.dataKeys().keySet()).containsExactly(1);
    assertThat(atSite.dataKeys().get(1).getEncoded())
        .isEqualTo(keysOf(state).dataKeys().get(1).getEncoded());
    assertThat(atSite.indexKey().getEncoded()).isEqualTo(keysOf(state).indexKey().getEncoded());
    String sealedAtSite = Files.readString(SealedStateKeys.dataKeyFile(KeyCeremony.keysDir(site), 1));
    String sealedAtState = Files.readString(SealedStateKeys.dataKeyFile(KeyCeremony.keysDir(state), 1));
    assertThat(sealedAtSite).as("each token seals its own copy").isNotEqualTo(sealedAtState);
  }

  @Test
  void shouldKeepTheWrappingKeyInsideTheToken() throws Exception {
    KeyCeremony.initState(state);

    SecretKey wrapping = open(state).requireSecretKey(SealedStateKeys.WRAPPING_KEY);

    assertThat(wrapping.getEncoded()).as("sensitive, not extractable").isNull();
  }

  @Test
  void shouldAddARotatedVersionAndKeepTheOldOne() throws Exception {
    KeyCeremony.initState(state);
    KeyCeremony.deliver(site, keysOf(state).export());
    byte[] first = keysOf(site).dataKeys().get(1).getEncoded();

    assertThat(KeyCeremony.rotate(state)).isEqualTo(2);
    assertThat(KeyCeremony.deliver(site, keysOf(state).export())).as("only v2 is new").isEqualTo(1);

    assertThat(keysOf(site).dataKeys().keySet()).containsExactly(1, 2);
    assertThat(keysOf(site).dataKeys().get(1).getEncoded()).isEqualTo(first);
    assertThat(keysOf(site).dataKeys().get(2).getEncoded()).isNotEqualTo(first);
  }

  @Test
  void shouldRefuseASealedKeyThatWasAlteredOrSealedByAnotherToken() throws Exception {
    KeyCeremony.initState(state);
    KeyCeremony.deliver(site, keysOf(state).export());
    Path atSite = SealedStateKeys.dataKeyFile(KeyCeremony.keysDir(site), 1);

    Files.copy(SealedStateKeys.dataKeyFile(KeyCeremony.keysDir(state), 1), atSite,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> keysOf(site).dataKeys())
        .hasMessageContaining(atSite.toString())
        .hasMessageContaining("does not open");

    byte[] sealed = Base64.getDecoder().decode(
        Files.readString(SealedStateKeys.dataKeyFile(KeyCeremony.keysDir(state), 1)).trim());
    sealed[20] ^= 1;
    Files.writeString(SealedStateKeys.dataKeyFile(KeyCeremony.keysDir(state), 1), Base64.getEncoder().encodeToString(sealed));
    assertThatThrownBy(() -> keysOf(state).dataKeys()).hasMessageContaining("does not open");
  }

  @Test
  void shouldNameTheMissingKeyInsteadOfMakingOne() throws Exception {
    assertThatThrownBy(() -> keysOf(site))
        .as("a site's token without the wrapping key")
        .hasMessageContaining(SealedStateKeys.WRAPPING_KEY);
    KeyCeremony.deliver(site, ClearStateKeys.fresh());
    Files.delete(SealedStateKeys.indexKeyFile(KeyCeremony.keysDir(site)));
    assertThatThrownBy(() -> keysOf(site).indexKey()).hasMessageContaining("index-key.sealed");
    assertThat(KeyCeremony.keysDir(site).resolve("index-key.sealed")).doesNotExist();
  }

  @Test
  void shouldRefuseAPinFileOthersCanReadAndAWrongPin() throws Exception {
    Path pin = KeyCeremony.pinFile(site);
    Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> TokenPin.read(Optional.empty(), pin)).hasMessageContaining("readable by others");

    assertThatThrownBy(() -> SiteToken.open(KeyCeremony.tokenConfig(site), "wrong".toCharArray()))
        .hasMessageContaining("wrong PIN");
  }

  @Test
  void shouldMakeTheRootInTheStatesTokenAndPublishOnlyItsCertificate() throws Exception {
    StateCertificateAuthority root = KeyCeremony.initRoot(state);
    Path data = state.getParent();

    assertThat(Pem.readCertificate(data.resolve("ca.pem"))).isEqualTo(root.certificate());
    assertThat(KeyCeremony.initRoot(state).certificate()).as("made once").isEqualTo(root.certificate());
    var key = SiteSigningKeys.loadKey(open(state), "state-root");
    assertThat(key.privateKey().getEncoded()).as("sensitive, not extractable").isNull();
    assertThat(privateKeyFilesUnder(data)).as("no private key in a file").isEmpty();
    assertThat(SiteSigningKeys.findKey(open(site), "state-root")).as("not in a site's token").isEmpty();
  }

  @Test
  void shouldRefuseACaCertificateWhoseKeyIsNotInTheStatesToken() throws Exception {
    StateCertificateAuthority.inMemory("GOV").writeCertificate(state.getParent()); // an earlier root, key elsewhere

    assertThatThrownBy(() -> KeyCeremony.initRoot(state)).hasMessageContaining("holds no root key");
    assertThat(SiteSigningKeys.findKey(open(state), "state-root")).isEmpty();
  }

  @Test
  void shouldCertifyEverySiteKeyInItsTokenByTheRootInTheStates() throws Exception {
    StateCertificateAuthority root = KeyCeremony.initRoot(state);
    String id = site.getFileName().toString();

    KeyCeremony.certifySiteKeys(site, state);

    SiteToken token = open(site);
    SigningIdentity tsa = SiteSigningKeys.load(token, SigningService.TIME_STAMPING);
    SigningIdentity ocsp = SiteSigningKeys.load(token, SigningService.OCSP);
    assertThat(tsa.privateKey().getEncoded()).as("sensitive, not extractable").isNull();
    assertThat(tsa.certificate().getSubjectX500Principal().getName()).contains("Time-Stamping Authority (" + id + ")");
    assertThat(ocsp.certificate().getSubjectX500Principal().getName()).contains("OCSP Responder (" + id + ")");
    assertThat(tsa.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
    tsa.certificate().verify(root.certificate().getPublicKey());
    assertThat(tsa.issuer()).isEqualTo(root.certificate());
    var issuing = SiteSigningKeys.loadKey(token, SiteSigningKeys.ISSUING_CA);
    assertThat(issuing.certificate().getBasicConstraints()).as("pathLen 0").isZero();
    assertThat(issuing.certificate().getSubjectX500Principal().getName()).contains("Issuing CA (" + id + ")");

    Signature signer = Signature.getInstance("SHA256withECDSA", token.provider());
    signer.initSign(tsa.privateKey());
    signer.update(new byte[] {1, 2, 3});
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(tsa.certificate());
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signer.sign())).as("signed in the token, verified with the certificate").isTrue();

    var material = org.dataembassy.runtime.sitelink.SiteLinkCertificates.load(token, site.getParent(), id);
    assertThat(material.key().getEncoded()).as("sensitive, not extractable").isNull();
    assertThat(site.resolve("tls").resolve("link-key.pem")).doesNotExist();
    assertThatThrownBy(() -> org.dataembassy.runtime.sitelink.SiteLinkCertificates.load(open(site), site.getParent(), "home"))
        .as("a site's link key used as another site's").hasMessageContaining("names another site");
    org.dataembassy.runtime.crypto.HttpsIdentity.require(site.getParent(), id); // what the HTTPS key is certified with
    for (String pki : new String[] {"journal-", "ocsp-", "issuing-ca-"}) {
      assertThat(site.resolve("pki").resolve(pki + id + ".pem")).as("published for the other sites").exists();
    }
    assertThat(privateKeyFilesUnder(site)).as("no private key is a file").isEmpty();

    var again = org.dataembassy.runtime.crypto.ceremony.SiteKeyRequests.prepare(open(site), site.getParent(), id);
    assertThat(again.requests()).as("a second ceremony keeps current keys").isEmpty();
    assertThat(SiteSigningKeys.load(open(site), SigningService.TIME_STAMPING).certificate()).isEqualTo(tsa.certificate());
  }

  @Test
  void shouldStoreNothingWhenAnAnswerIsForAnotherKeyOrFromAnotherRoot() throws Exception {
    StateCertificateAuthority root = KeyCeremony.initRoot(state);
    String id = site.getFileName().toString();
    var requests = org.dataembassy.runtime.crypto.ceremony.SiteKeyRequests.prepare(open(site), site.getParent(), id);
    var asked = requests.requests();
    var genuine = org.dataembassy.runtime.crypto.ceremony.RootCertification.certify(root, id, asked);

    // the host's staff answer with certificates of another root, or swap two keys' certificates
    var foreign = org.dataembassy.runtime.crypto.ceremony.RootCertification.certify(
        StateCertificateAuthority.inMemory("GOV"), id, asked);
    assertThatThrownBy(() -> requests.install(foreign)).hasMessageContaining("not from the state root");
    var swapped = new java.util.ArrayList<>(genuine);
    var first = swapped.get(0);
    var second = swapped.get(1);
    swapped.set(0, new org.dataembassy.runtime.crypto.ceremony.CeremonyMessages.Item(first.kind(), second.der()));
    swapped.set(1, new org.dataembassy.runtime.crypto.ceremony.CeremonyMessages.Item(second.kind(), first.der()));
    assertThatThrownBy(() -> requests.install(swapped)).hasMessageContaining("for another key");
    assertThatThrownBy(() -> requests.install(genuine.subList(1, genuine.size()))).hasMessageContaining("did not certify");

    assertThat(SiteSigningKeys.findKey(open(site), "tsa")).as("nothing stored").isEmpty();
    requests.install(genuine);
    assertThat(SiteSigningKeys.findKey(open(site), "tsa")).isPresent();
  }

  private static java.util.List<Path> privateKeyFilesUnder(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> {
            try {
              return Files.size(f) < 1_000_000 && Files.readString(f, StandardCharsets.ISO_8859_1).contains("PRIVATE KEY");
            } catch (java.io.IOException e) {
              return false;
            }
          })
          .toList();
    }
  }

  @Test
  void shouldNameAMissingSigningKeyInsteadOfMakingOne() throws Exception {
    assertThatThrownBy(() -> SiteSigningKeys.load(open(site), SigningService.OCSP))
        .hasMessageContaining("holds no ocsp key");
  }

  @Test
  void shouldReadKeysFromTheCeremonysPipeFormat() throws Exception {
    ClearStateKeys keys = ClearStateKeys.fresh().withNextVersion();
    var out = new java.io.ByteArrayOutputStream();
    keys.writeTo(out);

    ClearStateKeys read = ClearStateKeys.readFrom(new java.io.ByteArrayInputStream(out.toByteArray()));

    assertThat(read.dataKeys().keySet()).containsExactly(1, 2);
    assertThat(read.indexKey()).isEqualTo(keys.indexKey());
    assertThatThrownBy(() -> ClearStateKeys.readFrom(
            new java.io.ByteArrayInputStream("data 1 AAAA\n".getBytes(StandardCharsets.US_ASCII))))
        .hasMessageContaining("no index key");
  }
}
