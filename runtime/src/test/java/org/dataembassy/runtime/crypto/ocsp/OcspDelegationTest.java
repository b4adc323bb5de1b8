package org.dataembassy.runtime.crypto.ocsp;

import org.dataembassy.runtime.crypto.TestStateRoots;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.dataembassy.runtime.crypto.CertificateStatus;
import org.dataembassy.runtime.crypto.IssuingCas;
import org.dataembassy.runtime.crypto.Pem;
import org.dataembassy.runtime.crypto.SigningIdentity;
import org.dataembassy.runtime.crypto.SigningProvider;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site answers OCSP for citizens of another site's issuing CA only through that CA's delegation
 * to its own responder key, and the response carries the chain a client needs to check it.
 */
class OcspDelegationTest {

  @TempDir Path data;
  @TempDir Path pki;

  static KeyPair keyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  @Test
  void shouldSignForAnotherSitesIssuingCaWithItsDelegationAndAnswerUnknownWithout() throws Exception {
    StateCertificateAuthority root = TestStateRoots.in(data, "GOV");
    KeyPair luxCaKey = keyPair();
    X509Certificate luxCa = root.certifyIssuingCaKey("lux", luxCaKey.getPublic(), Duration.ofDays(30));
    KeyPair emb2CaKey = keyPair();
    X509Certificate emb2Ca = root.certifyIssuingCaKey("emb2", emb2CaKey.getPublic(), Duration.ofDays(30));
    Pem.write(IssuingCas.file(pki, "lux"), Pem.encode(luxCa), false);
    Pem.write(IssuingCas.file(pki, "emb2"), Pem.encode(emb2Ca), false);
    // home's responder key: certified by the root, and delegated to by lux's issuing CA only
    KeyPair homeOcsp = keyPair();
    X509Certificate fromRoot = root.certifySiteServiceKey(SigningService.OCSP, homeOcsp.getPublic(), "home", Duration.ofDays(30));
    StateCertificateAuthority lux = StateCertificateAuthority.withKey(luxCa, luxCaKey.getPrivate(), null);
    Pem.write(OcspDelegations.delegationFile(pki, "home", "lux"),
        Pem.encode(lux.certifySiteServiceKey(SigningService.OCSP, homeOcsp.getPublic(), "home", Duration.ofDays(30))), false);
    // a "delegation" to home by a CA that is no issuing CA of the state is ignored
    StateCertificateAuthority rogue = TestStateRoots.in(Path.of(data.toString(), "rogue"), "GOV");
    Pem.write(OcspDelegations.delegationFile(pki, "home", "rogue"),
        Pem.encode(rogue.certifySiteServiceKey(SigningService.OCSP, homeOcsp.getPublic(), "home", Duration.ofDays(30))), false);

    IssuingCas cas = new IssuingCas(pki, root.certificate(), Clock.systemUTC());
    List<OcspDelegations.Delegation> delegations = OcspDelegations.toResponder(pki, "home", fromRoot, cas);
    assertThat(delegations).hasSize(1);
    assertThat(delegations.get(0).issuingCa()).isEqualTo(luxCa);

    OcspResponder responder =
        new OcspResponder(
            new SigningIdentity(homeOcsp.getPrivate(), fromRoot, root.certificate()),
            delegations,
            null,
            SigningProvider.forChoice(SigningProvider.Choice.BOUNCYCASTLE),
            Clock.systemUTC(),
            Duration.ZERO,
            0);

    BasicOCSPResp forLux = ask(responder, luxCa);
    assertThat(forLux.getResponses()[0].getCertStatus()).isNull(); // good
    X509CertificateHolder signer = forLux.getCerts()[0];
    assertThat(signer.getIssuer().toString()).isEqualTo(new JcaX509CertificateHolder(luxCa).getSubject().toString());
    assertThat(forLux.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer))).isTrue();
    assertThat(forLux.getCerts()[1].getEncoded()).as("the issuing CA, to chain to the root").isEqualTo(luxCa.getEncoded());

    // emb2's CA delegated nothing to home: home does not vouch for its citizens
    assertThat(ask(responder, emb2Ca).getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
    // the root's own certificates: signed with the root's certificate of the key, as before
    BasicOCSPResp forRoot = ask(responder, root.certificate());
    assertThat(forRoot.getResponses()[0].getCertStatus()).isNull();
    assertThat(forRoot.getCerts()).hasSize(1);
    assertThat(forRoot.getCerts()[0].getEncoded()).isEqualTo(fromRoot.getEncoded());
  }

  @Test
  void shouldAcceptOnlyTheRootsEndEntityCasNamedForTheSiteOfTheirFile() throws Exception {
    StateCertificateAuthority root = TestStateRoots.in(data, "GOV");
    X509Certificate luxCa = root.certifyIssuingCaKey("lux", keyPair().getPublic(), Duration.ofDays(30));
    Pem.write(IssuingCas.file(pki, "lux"), Pem.encode(luxCa), false);
    // lux's CA delivered as emb2's: refused
    Pem.write(IssuingCas.file(pki, "emb2"), Pem.encode(luxCa), false);
    // a CA from another root, named as the state's
    StateCertificateAuthority other = TestStateRoots.in(Path.of(data.toString(), "other"), "GOV");
    Pem.write(IssuingCas.file(pki, "home"), Pem.encode(other.certifyIssuingCaKey("home", keyPair().getPublic(), Duration.ofDays(30))), false);
    // a site certificate of the root, not a CA
    Pem.write(IssuingCas.file(pki, "emb3"),
        Pem.encode(root.certifySiteServiceKey(SigningService.OCSP, keyPair().getPublic(), "emb3", Duration.ofDays(30))), false);

    IssuingCas cas = new IssuingCas(pki, root.certificate(), Clock.systemUTC());
    assertThat(cas.all()).containsExactly(luxCa);
    assertThat(cas.refusal(luxCa, "emb2")).contains("it names another site");
    assertThat(cas.named(luxCa.getSubjectX500Principal())).contains(luxCa);
  }

  private static BasicOCSPResp ask(OcspResponder responder, X509Certificate issuer) throws Exception {
    OCSPReqBuilder builder = new OCSPReqBuilder();
    builder.addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
        new JcaX509CertificateHolder(issuer), BigInteger.TEN));
    OCSPResp response = new OCSPResp(responder.respond(builder.build().getEncoded(), serial -> CertificateStatus.good()));
    assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    return (BasicOCSPResp) response.getResponseObject();
  }
}
