package org.dataembassy.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dataembassy.runtime.crypto.HttpsIdentity.Credential;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsIdentityTest {

  private static final String ZONE = "gov.example";
  private static final String ADDRESS = "127.0.0.11";

  @TempDir Path dataDir;
  private StateCertificateAuthority root;
  private StateCertificateAuthority issuingCa;

  /** What the key ceremony leaves a site: the root's certificate and its issuing CA's. */
  @BeforeEach
  void ceremony() throws Exception {
    root = TestStateRoots.in(dataDir, "GOV");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair caKey = generator.generateKeyPair();
    X509Certificate ca = root.certifyIssuingCaKey("home", caKey.getPublic(), Duration.ofDays(3 * 365));
    Pem.write(IssuingCas.file(dataDir.resolve("home").resolve("pki"), "home"), Pem.encode(ca), false);
    issuingCa = StateCertificateAuthority.withKey(ca, caKey.getPrivate(), null);
  }

  @Test
  void shouldCertifyAKeyMadeInMemoryForTheServiceNamesTheSiteAndItsAddress() throws Exception {
    Credential credential = Credential.issue(issuingCa, "home", ZONE, ADDRESS, Duration.ofDays(7));

    X509Certificate leaf = credential.chain().get(0);
    assertThat(leaf.getSubjectAlternativeNames())
        .contains(
            List.of(2, "land.gov.example"),
            List.of(2, "auth.gov.example"),
            List.of(2, "sign.gov.example"),
            List.of(2, "home.gov.example"),
            List.of(7, ADDRESS));
    assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=home.gov.example");
    assertThat(leaf.getPublicKey()).isEqualTo(credential.keyPair().getPublic());
    leaf.verify(issuingCa.certificate().getPublicKey());
    assertThat(credential.chain().get(1)).as("the chain carries the issuing CA").isEqualTo(issuingCa.certificate());
    assertThat(Duration.between(Instant.now(), leaf.getNotAfter().toInstant())).isBetween(Duration.ofDays(6), Duration.ofDays(7));
    assertThat(Credential.issue(issuingCa, "home", ZONE, ADDRESS, Duration.ofDays(7)).keyPair().getPublic())
        .as("a new key every time").isNotEqualTo(leaf.getPublicKey());
  }

  @Test
  void shouldBeDueForRenewalOnceAThirdOfItsValidityIsLeft() {
    Credential credential = Credential.issue(issuingCa, "home", ZONE, ADDRESS, Duration.ofDays(9));
    assertThat(credential.dueForRenewal(Instant.now())).isFalse();
    assertThat(credential.dueForRenewal(Instant.now().plus(Duration.ofDays(5)))).isFalse();
    assertThat(credential.dueForRenewal(Instant.now().plus(Duration.ofDays(6).plusHours(1)))).isTrue();
  }

  /** The chain as a third-party TLS stack sees it: OpenSSL verifies it against ca.pem alone. */
  @Test
  void shouldBeAcceptedByOpensslForTheServiceNameAndAddressAndRefusedForAnother() throws Exception {
    Credential credential = Credential.issue(issuingCa, "home", ZONE, ADDRESS, Duration.ofDays(7));
    Path leaf = dataDir.resolve("leaf.pem");
    Path intermediate = dataDir.resolve("issuing.pem");
    Files.writeString(leaf, Pem.encode(credential.chain().get(0)));
    Files.writeString(intermediate, Pem.encode(credential.chain().get(1)));
    String ca = dataDir.resolve("ca.pem").toString();

    assertThat(openssl("verify", "-CAfile", ca, "-untrusted", intermediate.toString(), "-purpose", "sslserver",
            "-verify_hostname", "land.gov.example", leaf.toString()))
        .isEqualTo(new Result(0, leaf + ": OK"));
    assertThat(openssl("verify", "-CAfile", ca, "-untrusted", intermediate.toString(), "-purpose", "sslclient",
            "-verify_ip", ADDRESS, leaf.toString()))
        .isEqualTo(new Result(0, leaf + ": OK"));
    assertThat(openssl("verify", "-CAfile", ca, "-untrusted", intermediate.toString(),
            "-verify_hostname", "evil.example", leaf.toString()).exitCode())
        .isNotZero();
    assertThat(openssl("verify", "-CAfile", ca, leaf.toString()).exitCode()).as("not without its issuing CA").isNotZero();
  }

  @Test
  void shouldStopASiteWithoutItsIssuingCaNamingTheFile() throws Exception {
    HttpsIdentity.require(dataDir, "home");

    Path caFile = IssuingCas.file(dataDir.resolve("home").resolve("pki"), "home");
    Files.delete(caFile);
    assertThatThrownBy(() -> HttpsIdentity.require(dataDir, "home")).hasMessageContaining(caFile.toString());
  }

  @Test
  void shouldStopASiteWhoseIssuingCaIsFromAnotherRootOrAnotherSite() throws Exception {
    assertThatThrownBy(() -> HttpsIdentity.require(dataDir, "lux"))
        .as("no issuing CA of lux").hasMessageContaining("missing");
    Files.copy(IssuingCas.file(dataDir.resolve("home").resolve("pki"), "home"), Files.createDirectories(dataDir.resolve("lux").resolve("pki")).resolve("issuing-ca-lux.pem"));
    assertThatThrownBy(() -> HttpsIdentity.require(dataDir, "lux"))
        .as("home's issuing CA as lux's").hasMessageContaining("names another site");

    TestStateRoots.replace(dataDir, "GOV"); // the data directory's root was made again
    assertThatThrownBy(() -> HttpsIdentity.require(dataDir, "home")).hasMessageContaining("not issued by the state root");
  }

  private record Result(int exitCode, String output) {}

  private static Result openssl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
    return new Result(process.exitValue(), output.strip());
  }
}
