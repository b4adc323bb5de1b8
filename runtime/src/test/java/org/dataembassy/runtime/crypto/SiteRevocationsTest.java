package org.dataembassy.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;
import org.dataembassy.runtime.crypto.ceremony.CertifiedKey;
import org.dataembassy.runtime.crypto.ceremony.IssuedCertificates;
import org.dataembassy.runtime.crypto.ceremony.SiteRevocation;
import org.dataembassy.runtime.crypto.ocsp.OcspDelegations;
import org.dataembassy.runtime.crypto.ocsp.OcspResponder;
import org.dataembassy.runtime.crypto.token.JournalCertificateFiles;
import org.dataembassy.runtime.sitelink.SiteLinkTrustManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revoking a site: the state's ceremony puts every certificate the root issued to it on the root's
 * list, and every check of a site refuses it from then on — its issuing CA, its journal
 * certificate, its site link, OCSP. A list the root did not sign revokes nothing.
 */
class SiteRevocationsTest {

  @TempDir Path data;
  private Path state;
  private Path pki;
  private StateCertificateAuthority root;
  private final Instant[] now = {Instant.now()};
  private final Clock clock = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now[0]; }
  };
  private X509Certificate luxCa;
  private X509Certificate luxJournal;
  private X509Certificate luxLink;
  private X509Certificate homeJournal;

  @BeforeEach
  void issue() throws Exception {
    root = TestStateRoots.in(data, "GOV");
    state = data.resolve("state");
    pki = data.resolve("home").resolve("pki");
    luxCa = root.certifyIssuingCaKey("lux", key().getPublic(), Duration.ofDays(30));
    luxJournal = root.certifySiteServiceKey(SigningService.JOURNAL, key().getPublic(), "lux", Duration.ofDays(30));
    luxLink = root.certifySiteLinkKey("lux", key().getPublic(), Duration.ofDays(30));
    homeJournal = root.certifySiteServiceKey(SigningService.JOURNAL, key().getPublic(), "home", Duration.ofDays(30));
    IssuedCertificates.record(state, "lux", CertifiedKey.ISSUING_CA, luxCa);
    IssuedCertificates.record(state, "lux", CertifiedKey.JOURNAL, luxJournal);
    IssuedCertificates.record(state, "lux", CertifiedKey.SITE_LINK, luxLink);
    IssuedCertificates.record(state, "home", CertifiedKey.JOURNAL, homeJournal);
    Pem.write(IssuingCas.file(pki, "lux"), Pem.encode(luxCa), false);
    Pem.write(JournalCertificateFiles.file(pki, "lux"), Pem.encode(luxJournal), false);
    Pem.write(JournalCertificateFiles.file(pki, "home"), Pem.encode(homeJournal), false);
  }

  private static KeyPair key() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private void handOut() throws Exception {
    Files.copy(SiteRevocation.file(state), pki.resolve(SiteRevocations.FILE_NAME), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    now[0] = now[0].plusSeconds(2);
  }

  @Test
  void shouldRefuseEverythingOfARevokedSiteAndNothingOfAnother() throws Exception {
    SiteRevocations revocations = new SiteRevocations(pki, root.certificate(), clock);
    IssuingCas cas = new IssuingCas(pki, root.certificate(), clock, revocations);
    JournalCertificateFiles journals = new JournalCertificateFiles(pki, root.certificate(), revocations);
    assertThat(cas.named(luxCa.getSubjectX500Principal())).contains(luxCa);
    assertThat(journals.of("lux")).contains(luxJournal);
    long before = revocations.version();

    assertThat(SiteRevocation.revoke(root, state, "lux")).isEqualTo(3);
    handOut();

    assertThat(revocations.siteRevoked("lux")).isTrue();
    assertThat(revocations.siteRevoked("home")).isFalse();
    assertThat(revocations.revoked(luxLink)).isTrue();
    assertThat(revocations.revoked(homeJournal)).isFalse();
    assertThat(revocations.version()).isNotEqualTo(before);
    assertThat(cas.named(luxCa.getSubjectX500Principal())).as("its citizens").isEmpty();
    assertThat(cas.all()).doesNotContain(luxCa);
    assertThat(journals.of("lux")).as("its entries, sessions, challenges").isEmpty();
    assertThat(journals.of("home")).contains(homeJournal);
    SiteLinkTrustManager trust = new SiteLinkTrustManager(root.certificate(), List.of("home", "lux", "emb2"), revocations::revoked);
    assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[] {luxLink, root.certificate()}, "EC"))
        .isInstanceOf(CertificateException.class).hasMessageContaining("revoked site lux");

    // a second site later: one list, one number higher, lux still on it; the ceremony says so
    assertThat(SiteRevocation.revoke(root, state, "home")).isEqualTo(1);
    assertThat(SiteRevocations.number(SiteRevocations.read(SiteRevocation.file(state), root.certificate()))).isEqualTo(BigInteger.TWO);
    assertThat(SiteRevocation.revoked(root, state, "lux")).isTrue();
    assertThat(SiteRevocation.revoked(root, state, "emb2")).isFalse();
    assertThatThrownBy(() -> SiteRevocation.revoke(root, state, "emb2")).hasMessageContaining("nothing to revoke");
  }

  @Test
  void shouldIgnoreAListTheRootDidNotSignAndNeverForgetARevocation() throws Exception {
    // the host's staff write a list of their own: it revokes nothing
    StateCertificateAuthority other = TestStateRoots.in(data.resolve("other"), "GOV");
    Path otherState = data.resolve("other").resolve("state");
    IssuedCertificates.record(otherState, "home", CertifiedKey.JOURNAL, homeJournal);
    SiteRevocation.revoke(other, otherState, "home");
    Files.copy(SiteRevocation.file(otherState), pki.resolve(SiteRevocations.FILE_NAME));
    SiteRevocations revocations = new SiteRevocations(pki, root.certificate(), clock);
    assertThat(revocations.siteRevoked("home")).isFalse();
    assertThatThrownBy(() -> SiteRevocations.read(pki.resolve(SiteRevocations.FILE_NAME), root.certificate()))
        .hasMessageContaining("not signed by the state root");

    // the root's list revokes lux; removing or replacing the file afterwards does not bring it back
    SiteRevocation.revoke(root, state, "lux");
    handOut();
    assertThat(revocations.siteRevoked("lux")).isTrue();
    Files.delete(pki.resolve(SiteRevocations.FILE_NAME));
    now[0] = now[0].plusSeconds(2);
    assertThat(revocations.siteRevoked("lux")).isTrue();
    Files.copy(SiteRevocation.file(otherState), pki.resolve(SiteRevocations.FILE_NAME));
    now[0] = now[0].plusSeconds(2);
    assertThat(revocations.siteRevoked("lux")).isTrue();
  }

  @Test
  void shouldAnswerOcspRevokedForTheSitesCertificatesAndTheCitizensOfItsIssuingCa() throws Exception {
    KeyPair luxCaKey = key();
    luxCa = root.certifyIssuingCaKey("lux", luxCaKey.getPublic(), Duration.ofDays(30));
    IssuedCertificates.record(state, "lux", CertifiedKey.ISSUING_CA, luxCa);
    Pem.write(IssuingCas.file(pki, "lux"), Pem.encode(luxCa), false);
    KeyPair homeOcsp = key();
    X509Certificate fromRoot = root.certifySiteServiceKey(SigningService.OCSP, homeOcsp.getPublic(), "home", Duration.ofDays(30));
    StateCertificateAuthority lux = StateCertificateAuthority.withKey(luxCa, luxCaKey.getPrivate(), null);
    Pem.write(OcspDelegations.delegationFile(pki, "home", "lux"),
        Pem.encode(lux.certifySiteServiceKey(SigningService.OCSP, homeOcsp.getPublic(), "home", Duration.ofDays(30))), false);
    SiteRevocations revocations = new SiteRevocations(pki, root.certificate(), clock);
    IssuingCas cas = new IssuingCas(pki, root.certificate(), clock, revocations);
    OcspResponder responder = new OcspResponder(
        new SigningIdentity(homeOcsp.getPrivate(), fromRoot, root.certificate()),
        OcspDelegations.toResponder(pki, "home", fromRoot, cas), revocations,
        SigningProvider.forChoice(SigningProvider.Choice.BOUNCYCASTLE), clock, Duration.ZERO, 0);

    assertThat(ask(responder, root.certificate(), luxJournal.getSerialNumber()).getCertStatus()).isNull(); // good
    assertThat(ask(responder, luxCa, BigInteger.TEN).getCertStatus()).isNull();

    SiteRevocation.revoke(root, state, "lux");
    handOut();
    var site = ask(responder, root.certificate(), luxJournal.getSerialNumber());
    assertThat(site.getCertStatus()).isInstanceOf(RevokedStatus.class);
    assertThat(((RevokedStatus) site.getCertStatus()).getRevocationReason()).isEqualTo(org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
    var citizen = ask(responder, luxCa, BigInteger.TEN);
    assertThat(citizen.getCertStatus()).isInstanceOf(RevokedStatus.class);
    assertThat(((RevokedStatus) citizen.getCertStatus()).getRevocationReason()).isEqualTo(org.bouncycastle.asn1.x509.CRLReason.cACompromise);
    assertThat(ask(responder, root.certificate(), homeJournal.getSerialNumber()).getCertStatus()).as("home's").isNull();
  }

  private static org.bouncycastle.cert.ocsp.SingleResp ask(OcspResponder responder, X509Certificate issuer, BigInteger serial) throws Exception {
    OCSPReqBuilder builder = new OCSPReqBuilder();
    builder.addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
        new JcaX509CertificateHolder(issuer), serial));
    OCSPResp response = new OCSPResp(responder.respond(builder.build().getEncoded(), s -> CertificateStatus.good()));
    assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    return ((BasicOCSPResp) response.getResponseObject()).getResponses()[0];
  }
}
