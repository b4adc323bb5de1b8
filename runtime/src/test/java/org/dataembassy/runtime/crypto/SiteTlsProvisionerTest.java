package org.dataembassy.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteTlsProvisionerTest {

  private static final String ZONE = "gov.example";
  private static final String ADDRESS = "127.0.0.11";

  @TempDir Path dataDir;

  /** What the key ceremony does for the site's HTTPS: a key made at the site, certified by the root. */
  private static void certify(Path dataDir, String site, String address) throws Exception {
    StateCertificateAuthority root = TestStateRoots.in(dataDir, "GOV");
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    java.security.KeyPair pair = generator.generateKeyPair();
    X509Certificate cert =
        root.certifyTlsKey(site + "." + ZONE, SiteTlsProvisioner.dnsNames(site, ZONE), List.of(address), pair.getPublic(), Duration.ofDays(397));
    Pem.write(SiteTlsProvisioner.keyFile(dataDir.resolve(site)), Pem.encodePrivateKey(pair.getPrivate()), true);
    Pem.write(SiteTlsProvisioner.certificateFile(dataDir.resolve(site)), Pem.encode(cert, root.certificate()), false);
  }

  @Test
  void shouldStopASiteWhoseCeremonyMaterialIsMissingNamingIt() throws Exception {
    TestStateRoots.in(dataDir, "GOV"); // the ceremony's root, without the site's certificates
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SiteTlsProvisioner.require(dataDir, "home"))
        .hasMessageContaining("site-cert.pem");
    assertThat(certFile()).doesNotExist();

    certify(dataDir, "home", ADDRESS);
    SiteTlsProvisioner.require(dataDir, "home");

    TestStateRoots.replace(dataDir, "GOV"); // another root: the site's certificate is not from it
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SiteTlsProvisioner.require(dataDir, "home"))
        .hasMessageContaining("not from the state CA");
  }

  @Test
  void shouldCertifyTheServiceNamesTheSiteNameAndItsAddress() throws Exception {
    certify(dataDir, "home", ADDRESS);

    X509Certificate cert = Pem.readCertificate(certFile());
    assertThat(cert.getSubjectAlternativeNames())
        .contains(
            List.of(2, "land.gov.example"),
            List.of(2, "auth.gov.example"),
            List.of(2, "sign.gov.example"),
            List.of(2, "home.gov.example"),
            List.of(7, ADDRESS));
    cert.verify(Pem.readCertificate(dataDir.resolve("ca.pem")).getPublicKey());
  }

  @Test
  void shouldCallACertificateCurrentOnlyIfFromTheRootAndNotAboutToExpire() throws Exception {
    X509Certificate root = TestStateRoots.in(dataDir, "GOV").certificate();
    assertThat(SiteTlsProvisioner.current(dataDir.resolve("home"), root, Duration.ofDays(30))).as("none yet").isFalse();

    certify(dataDir, "home", ADDRESS);
    assertThat(SiteTlsProvisioner.current(dataDir.resolve("home"), root, Duration.ofDays(30))).isTrue();
    assertThat(SiteTlsProvisioner.current(dataDir.resolve("home"), root, Duration.ofDays(400))).as("expires within the window").isFalse();
    assertThat(SiteTlsProvisioner.current(dataDir.resolve("home"), TestStateRoots.replace(dataDir, "GOV").certificate(), Duration.ofDays(30)))
        .as("from another root").isFalse();
  }

  /** The certificate as a third-party TLS stack sees it: OpenSSL verifies it against ca.pem. */
  @Test
  void shouldBeAcceptedByOpensslForTheServiceNameAndAddress() throws Exception {
    certify(dataDir, "home", ADDRESS);
    Path leaf = dataDir.resolve("leaf.pem");
    Files.writeString(leaf, firstCertificate(Files.readString(certFile())));
    Path caPem = dataDir.resolve("ca.pem");

    assertThat(openssl("verify", "-CAfile", caPem.toString(), leaf.toString()))
        .isEqualTo(new Result(0, leaf + ": OK"));
    assertThat(
            openssl(
                "verify",
                "-CAfile",
                caPem.toString(),
                "-purpose",
                "sslserver",
                "-verify_hostname",
                "land.gov.example",
                leaf.toString()))
        .isEqualTo(new Result(0, leaf + ": OK"));
    assertThat(
            openssl(
                "verify",
                "-CAfile",
                caPem.toString(),
                "-purpose",
                "sslclient",
                "-verify_ip",
                ADDRESS,
                leaf.toString()))
        .isEqualTo(new Result(0, leaf + ": OK"));
  }

  @Test
  void shouldBeRejectedByOpensslForANameItWasNotIssuedFor() throws Exception {
    certify(dataDir, "home", ADDRESS);
    Path leaf = dataDir.resolve("leaf.pem");
    Files.writeString(leaf, firstCertificate(Files.readString(certFile())));

    Result result =
        openssl(
            "verify",
            "-CAfile",
            dataDir.resolve("ca.pem").toString(),
            "-verify_hostname",
            "evil.example",
            leaf.toString());

    assertThat(result.exitCode()).isNotZero();
  }

  private Path certFile() {
    return SiteTlsProvisioner.certificateFile(dataDir.resolve("home"));
  }

  private static String firstCertificate(String chainPem) {
    String end = "-----END CERTIFICATE-----";
    int start = chainPem.indexOf("-----BEGIN CERTIFICATE-----");
    int stop = chainPem.indexOf(end, start);
    assertThat(start).isNotNegative();
    assertThat(stop).isPositive();
    return chainPem.substring(start, stop + end.length()) + "\n";
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
