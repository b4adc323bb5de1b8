package org.dataembassy.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.Signature;
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

  @Test
  void shouldStopASiteWhoseCeremonyMaterialIsMissingNamingItAndMakeNothing() throws Exception {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> StateCertificateAuthority.load(dataDir))
        .hasMessageContaining("ca.pem").hasMessageContaining("key ceremony");
    assertThat(dataDir.resolve("ca.pem")).as("a site makes no CA").doesNotExist();

    StateCertificateAuthority.loadOrCreate(dataDir, "GOV"); // the ceremony's CA, without the site's certificates
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SiteTlsProvisioner.require(dataDir, "home"))
        .hasMessageContaining("site-cert.pem");
    assertThat(certFile()).doesNotExist();

    SiteTlsProvisioner.ensure(dataDir, "home", ADDRESS, ZONE);
    SiteTlsProvisioner.require(dataDir, "home");

    Files.delete(dataDir.resolve("ca.pem"));
    StateCertificateAuthority.loadOrCreate(dataDir, "GOV"); // another CA: the site's certificate is not from it
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SiteTlsProvisioner.require(dataDir, "home"))
        .hasMessageContaining("not from the state CA");
  }

  @Test
  void shouldIssueACertificateForTheServiceNamesTheSiteNameAndItsAddress() throws Exception {
    assertThat(SiteTlsProvisioner.ensure(dataDir, "home", ADDRESS, ZONE)).isTrue();

    X509Certificate cert = Pem.readCertificate(certFile());
    assertThat(cert.getSubjectAlternativeNames())
        .contains(
            List.of(2, "land.gov.example"),
            List.of(2, "auth.gov.example"),
            List.of(2, "sign.gov.example"),
            List.of(2, "home.gov.example"),
            List.of(7, ADDRESS));
    cert.verify(Pem.readCertificate(dataDir.resolve("ca.pem")).getPublicKey());
    assertThat(cert.getNotAfter().toInstant())
        .as("valid well beyond the renewal window")
        .isAfter(java.time.Instant.now().plus(Duration.ofDays(300)));
  }

  @Test
  void shouldWriteAnOwnerOnlyKeyThatBelongsToTheCertificate() throws Exception {
    SiteTlsProvisioner.ensure(dataDir, "home", ADDRESS, ZONE);

    Path keyFile = SiteTlsProvisioner.keyFile(dataDir.resolve("home"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    PrivateKey key = Pem.readPrivateKey(keyFile);
    byte[] data = "proof of possession".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(data);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(Pem.readCertificate(certFile()));
    verifier.update(data);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void shouldKeepAValidCertificateOnTheSecondCall() throws Exception {
    SiteTlsProvisioner.ensure(dataDir, "home", ADDRESS, ZONE);
    byte[] cert = Files.readAllBytes(certFile());
    byte[] key = Files.readAllBytes(SiteTlsProvisioner.keyFile(dataDir.resolve("home")));

    assertThat(SiteTlsProvisioner.ensure(dataDir, "home", ADDRESS, ZONE)).isFalse();

    assertThat(Files.readAllBytes(certFile())).isEqualTo(cert);
    assertThat(Files.readAllBytes(SiteTlsProvisioner.keyFile(dataDir.resolve("home"))))
        .isEqualTo(key);
  }

  @Test
  void shouldReissueWhenTheCaWasReplaced() throws Exception {
    SiteTlsProvisioner.ensure(dataDir, "home", ADDRESS, ZONE);
    byte[] oldCert = Files.readAllBytes(certFile());
    Files.delete(dataDir.resolve("ca.pem"));
    Files.delete(dataDir.resolve("ca").resolve("ca-key.pem"));

    assertThat(SiteTlsProvisioner.ensure(dataDir, "home", ADDRESS, ZONE)).isTrue();

    assertThat(Files.readAllBytes(certFile())).isNotEqualTo(oldCert);
    Pem.readCertificate(certFile())
        .verify(Pem.readCertificate(dataDir.resolve("ca.pem")).getPublicKey());
  }

  @Test
  void shouldReissueACertificateAboutToExpire() throws Exception {
    StateCertificateAuthority ca = StateCertificateAuthority.loadOrCreate(dataDir, "GOV");
    var expiring =
        ca.issueTlsCertificate(
            "home.gov.example", List.of("home.gov.example"), List.of(ADDRESS), Duration.ofDays(10));
    Pem.write(SiteTlsProvisioner.keyFile(dataDir.resolve("home")), expiring.privateKeyPem(), true);
    Pem.write(certFile(), expiring.chainPem(), false);

    assertThat(SiteTlsProvisioner.ensure(dataDir, "home", ADDRESS, ZONE)).isTrue();

    assertThat(Pem.readCertificate(certFile()).getNotAfter().toInstant())
        .isAfter(java.time.Instant.now().plus(Duration.ofDays(300)));
  }

  @Test
  void shouldShareOneCaBetweenTheSitesOfAFederation() throws Exception {
    SiteTlsProvisioner.ensure(dataDir, "home", "127.0.0.11", ZONE);
    SiteTlsProvisioner.ensure(dataDir, "lux", "127.0.0.12", ZONE);

    X509Certificate ca = Pem.readCertificate(dataDir.resolve("ca.pem"));
    Pem.readCertificate(certFile()).verify(ca.getPublicKey());
    X509Certificate lux =
        Pem.readCertificate(SiteTlsProvisioner.certificateFile(dataDir.resolve("lux")));
    lux.verify(ca.getPublicKey());
    assertThat(lux.getSubjectAlternativeNames())
        .contains(List.of(2, "lux.gov.example"), List.of(7, "127.0.0.12"))
        .doesNotContain(List.of(7, "127.0.0.11"));
  }

  /** The certificate as a third-party TLS stack sees it: OpenSSL verifies it against ca.pem. */
  @Test
  void shouldBeAcceptedByOpensslForTheServiceNameAndAddress() throws Exception {
    SiteTlsProvisioner.ensure(dataDir, "home", ADDRESS, ZONE);
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
    SiteTlsProvisioner.ensure(dataDir, "home", ADDRESS, ZONE);
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
