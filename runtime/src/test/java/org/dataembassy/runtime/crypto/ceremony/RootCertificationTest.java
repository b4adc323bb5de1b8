package org.dataembassy.runtime.crypto.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.sitelink.SiteLinkTrustManager;
import org.junit.jupiter.api.Test;

/** The state root's side of the ceremony: what it certifies, and what it refuses. */
class RootCertificationTest {

  private final StateCertificateAuthority root = StateCertificateAuthority.inMemory("GOV");

  private static KeyPair ec() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static byte[] request(String subject, PublicKey key, java.security.PrivateKey signer, String algorithm) throws Exception {
    return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), key)
        .build(new JcaContentSignerBuilder(algorithm).build(signer))
        .getEncoded();
  }

  private static X509Certificate certificate(CeremonyMessages.Item item) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(item.der()));
  }

  @Test
  void shouldNameTheSiteTheCeremonyCertifiesWhateverTheRequestSays() throws Exception {
    KeyPair link = ec();
    var answers = RootCertification.certify(
        root, "lux",
        List.of(new CeremonyMessages.Item(CertifiedKey.SITE_LINK, request("CN=home site-link", link.getPublic(), link.getPrivate(), "SHA256withECDSA"))));

    X509Certificate cert = certificate(answers.get(0));
    cert.verify(root.certificate().getPublicKey());
    assertThat(SiteLinkTrustManager.siteNamedBy(cert)).isEqualTo("lux");
    assertThat(cert.getPublicKey().getEncoded()).isEqualTo(link.getPublic().getEncoded());
  }

  @Test
  void shouldRefuseARequestNotSignedByItsKeyOrForAnotherKindOfKey() throws Exception {
    KeyPair theirs = ec();
    KeyPair victim = ec();
    // a request for someone else's public key (no proof the requester holds it)
    byte[] forged = request("CN=lux tsa", victim.getPublic(), theirs.getPrivate(), "SHA256withECDSA");
    assertThatThrownBy(() -> RootCertification.certify(
            root, "lux", List.of(new CeremonyMessages.Item(CertifiedKey.TSA, forged))))
        .hasMessageContaining("not signed by that key");

    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair weak = rsa.generateKeyPair();
    assertThatThrownBy(() -> RootCertification.certify(
            root, "lux",
            List.of(new CeremonyMessages.Item(CertifiedKey.TSA, request("CN=x", weak.getPublic(), weak.getPrivate(), "SHA256withRSA")))))
        .hasMessageContaining("not a P-256 key");

    assertThatThrownBy(() -> RootCertification.certify(
            root, "lux", List.of(new CeremonyMessages.Item(CertifiedKey.TSA, new byte[] {1, 2, 3}))))
        .hasMessageContaining("not a PKCS#10 request");
    assertThatThrownBy(() -> RootCertification.certify(root, "../home", List.of()))
        .hasMessageContaining("site's id");
  }

  @Test
  void shouldReadTheCeremonysMessagesBoundedAndRefuseRepeatsAndCutOffs() throws Exception {
    var out = new ByteArrayOutputStream();
    CeremonyMessages.write(List.of(new CeremonyMessages.Item(CertifiedKey.OCSP, new byte[] {9, 8, 7})), out);
    var read = CeremonyMessages.read(new ByteArrayInputStream(out.toByteArray()));
    assertThat(read).hasSize(1);
    assertThat(read.get(0).kind()).isEqualTo(CertifiedKey.OCSP);
    assertThat(read.get(0).der()).containsExactly(9, 8, 7);

    assertThatThrownBy(() -> CeremonyMessages.read(stream("ocsp AAAA\nocsp AAAA\nend\n"))).hasMessageContaining("twice");
    assertThatThrownBy(() -> CeremonyMessages.read(stream("ocsp AAAA\n"))).hasMessageContaining("before 'end'");
    assertThatThrownBy(() -> CeremonyMessages.read(stream("root AAAA\nend\n"))).hasMessageContaining("no known key");
    assertThatThrownBy(() -> CeremonyMessages.read(stream("tsa " + "A".repeat(20_000) + "\nend\n"))).hasMessageContaining("longer than");
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }
}
