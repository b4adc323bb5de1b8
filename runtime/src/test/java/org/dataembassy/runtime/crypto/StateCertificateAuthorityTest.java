package org.dataembassy.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SignatureException;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateCertificateAuthorityTest {

  private static final int KEY_CERT_SIGN = 5;
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  @TempDir Path dataDir;

  @Test
  void shouldCreateASelfSignedCaThatMaySignCertificates() throws Exception {
    X509Certificate ca = TestStateRoots.in(dataDir, "EE").certificate();

    assertThat(ca.getBasicConstraints()).as("basicConstraints cA=true").isGreaterThanOrEqualTo(0);
    assertThat(ca.getKeyUsage()[KEY_CERT_SIGN]).as("keyCertSign").isTrue();
    assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
    assertThat(ca.getSubjectX500Principal().getName()).contains("CN=EE State CA");
    ca.verify(ca.getPublicKey());
    ca.checkValidity();
  }

  @Test
  void shouldIssueATlsCertificateThatChainsToTheCa() throws Exception {
    StateCertificateAuthority ca = TestStateRoots.in(dataDir, "EE");

    X509Certificate cert = issue(ca).certificate();

    cert.verify(ca.certificate().getPublicKey());
    cert.checkValidity();
    assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=home.gov.example");
    validatePath(cert, ca.certificate());
  }

  @Test
  void shouldPutTheGivenDnsNamesAndAddressesInTheSubjectAlternativeNames() throws Exception {
    X509Certificate cert = issue(TestStateRoots.in(dataDir, "EE")).certificate();

    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    assertThat(sans)
        .containsExactlyInAnyOrder(
            List.of(SAN_DNS, "land.gov.example"),
            List.of(SAN_DNS, "home.gov.example"),
            List.of(SAN_IP, "127.0.0.11"),
            List.of(SAN_IP, "10.0.0.7"));
  }

  @Test
  void shouldIssueALeafCertificateForServerAndClientAuthentication() throws Exception {
    X509Certificate cert = issue(TestStateRoots.in(dataDir, "EE")).certificate();

    assertThat(cert.getExtendedKeyUsage()).contains(SERVER_AUTH, CLIENT_AUTH);
    assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    assertThat(cert.getKeyUsage()[KEY_CERT_SIGN]).as("keyCertSign").isFalse();
  }

  @Test
  void shouldPresentTheCertificateFollowedByTheCaInTheChain() throws Exception {
    StateCertificateAuthority ca = TestStateRoots.in(dataDir, "EE");
    StateCertificateAuthority.IssuedCertificate issued = issue(ca);

    List<Certificate> chain =
        List.copyOf(
            CertificateFactory.getInstance("X.509")
                .generateCertificates(
                    new ByteArrayInputStream(issued.chainPem().getBytes(StandardCharsets.US_ASCII))));

    assertThat(chain).containsExactly(issued.certificate(), ca.certificate());
    assertThat(issued.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void shouldNotVerifyACertificateAgainstAnotherCa(@TempDir Path otherDataDir) throws Exception {
    X509Certificate cert = issue(TestStateRoots.in(dataDir, "EE")).certificate();
    X509Certificate otherCa = TestStateRoots.in(otherDataDir, "EE").certificate();

    assertThatThrownBy(() -> cert.verify(otherCa.getPublicKey()))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void shouldWriteOnlyThePublicCertificate() throws Exception {
    StateCertificateAuthority.inMemory("EE").writeCertificate(dataDir);

    assertThat(StateCertificateAuthority.certificateFile(dataDir)).isEqualTo(dataDir.resolve("ca.pem"));
    assertThat(dataDir.resolve("ca.pem")).isRegularFile().content().startsWith("-----BEGIN CERTIFICATE-----");
    try (var files = Files.list(dataDir)) {
      assertThat(files).as("no key beside it").containsExactly(dataDir.resolve("ca.pem"));
    }
  }

  private static StateCertificateAuthority.IssuedCertificate issue(StateCertificateAuthority ca) {
    return ca.issueTlsCertificate(
        "home.gov.example",
        List.of("land.gov.example", "home.gov.example"),
        List.of("127.0.0.11", "10.0.0.7"),
        Duration.ofDays(30));
  }

  private static void validatePath(X509Certificate leaf, X509Certificate ca) throws Exception {
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), params);
  }
}
