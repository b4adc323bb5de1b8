package org.dataembassy.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CitizenCertificatesTest {

  @TempDir Path data;
  @TempDir Path elsewhere;

  private static KeyPair p256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  @Test
  void shouldReadTheIdentityCheckTheIssuerAndVerifyTheCitizensSignature() throws Exception {
    StateCertificateAuthority ca = TestStateRoots.in(data, "GOV");
    KeyPair keys = p256();
    X509Certificate cert = ca.issueCitizenCertificate(keys.getPublic(), "38001010009", "Mari Maasikas", "EE", Duration.ofDays(10));
    CitizenCertificates citizens = new CitizenCertificates(ca.certificate(), SigningProvider.forChoice(SigningProvider.Choice.BOUNCYCASTLE));

    X509Certificate parsed = CitizenCertificates.parse(Pem.encode(cert)).orElseThrow();
    CitizenIdentity who = CitizenCertificates.identity(parsed).orElseThrow();
    assertThat(who.personalCode()).isEqualTo("38001010009");
    assertThat(who.name()).isEqualTo("Mari Maasikas");
    assertThat(who.serial()).isEqualTo(CitizenCertificates.serialHex(cert.getSerialNumber()));
    assertThat(who.toString()).doesNotContain("38001010009").doesNotContain("Mari");
    assertThat(citizens.issuedByState(parsed)).isTrue();
    assertThat(CitizenCertificates.validAt(parsed, Instant.now())).isTrue();
    assertThat(CitizenCertificates.validAt(parsed, Instant.now().plus(Duration.ofDays(11)))).isFalse();

    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.getPrivate());
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    assertThat(citizens.verifySignature(parsed, new byte[] {1, 2, 3}, signature)).isTrue();
    assertThat(citizens.verifySignature(parsed, new byte[] {1, 2, 4}, signature)).isFalse();
    assertThat(citizens.verifySignature(parsed, new byte[] {1, 2, 3}, new byte[] {0x30, 0})).isFalse();

    StateCertificateAuthority other = TestStateRoots.in(elsewhere, "GOV");
    X509Certificate forged = other.issueCitizenCertificate(keys.getPublic(), "38001010009", "Mari Maasikas", "EE", Duration.ofDays(10));
    assertThat(citizens.issuedByState(forged)).as("same names, another key").isFalse();
  }

  @Test
  void shouldRefuseTextThatIsNoCertificateAndParseSerialsAsOpensslPrintsThem() {
    assertThat(CitizenCertificates.parse("hello")).isEmpty();
    assertThat(CitizenCertificates.parse("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")).isEmpty();
    assertThat(CitizenCertificates.parse((String) null)).isEmpty();
    assertThat(CitizenCertificates.parseSerial("serial=0A1B")).contains(BigInteger.valueOf(0x0A1B));
    assertThat(CitizenCertificates.parseSerial("a1b")).contains(BigInteger.valueOf(0xA1B));
    assertThat(CitizenCertificates.parseSerial("xyz")).isEmpty();
    assertThat(CitizenCertificates.serialHex(BigInteger.valueOf(0xA1B))).isEqualTo("0A1B");
  }

  @Test
  void shouldAcceptOnlyP256PublicKeys() throws Exception {
    assertThat(PublicKeys.parseP256(PublicKeys.toPem(p256().getPublic()))).isPresent();
    KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
    p384.initialize(new ECGenParameterSpec("secp384r1"));
    assertThat(PublicKeys.parseP256(PublicKeys.toPem(p384.generateKeyPair().getPublic()))).isEmpty();
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    assertThat(PublicKeys.parseP256(PublicKeys.toPem(rsa.generateKeyPair().getPublic()))).isEmpty();
    assertThat(PublicKeys.parseP256("-----BEGIN PUBLIC KEY-----\n!!\n-----END PUBLIC KEY-----")).isEmpty();
  }
}
