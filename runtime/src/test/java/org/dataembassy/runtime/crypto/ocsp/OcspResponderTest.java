package org.dataembassy.runtime.crypto.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.dataembassy.runtime.crypto.CertificateStatus;
import org.dataembassy.runtime.crypto.RevocationReason;
import org.dataembassy.runtime.crypto.SigningIdentity;
import org.dataembassy.runtime.crypto.SigningProvider;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;
import org.dataembassy.runtime.crypto.StateSigningKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcspResponderTest {

  @TempDir static Path data;
  @TempDir static Path elsewhere;
  static X509Certificate ca;
  static X509Certificate foreignCa;
  static SigningIdentity identity;
  static OcspResponder responder;

  static final BigInteger GOOD = BigInteger.valueOf(1001);
  static final BigInteger REVOKED = BigInteger.valueOf(1002);
  static final Instant REVOKED_AT = Instant.parse("2026-11-01T10:00:00Z");

  static CertificateStatus status(BigInteger serial) {
    if (serial.equals(GOOD)) {
      return CertificateStatus.good();
    }
    if (serial.equals(REVOKED)) {
      return CertificateStatus.revoked(REVOKED_AT, RevocationReason.KEY_COMPROMISE);
    }
    return CertificateStatus.unknown();
  }

  @BeforeAll
  static void setUp() throws Exception {
    StateCertificateAuthority state = StateCertificateAuthority.loadOrCreate(data, "GOV");
    ca = state.certificate();
    foreignCa = StateCertificateAuthority.loadOrCreate(elsewhere, "OTHER").certificate();
    identity = StateSigningKeys.loadOrCreate(data, state, SigningService.OCSP);
    responder = new OcspResponder(identity, SigningProvider.forChoice(SigningProvider.Choice.BOUNCYCASTLE), Clock.systemUTC());
  }

  private static BasicOCSPResp ask(X509Certificate issuer, BigInteger... serials) throws Exception {
    OCSPReqBuilder builder = new OCSPReqBuilder();
    for (BigInteger serial : serials) {
      builder.addRequest(
          new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
              new JcaX509CertificateHolder(issuer), serial));
    }
    OCSPResp response = new OCSPResp(responder.respond(builder.build().getEncoded(), OcspResponderTest::status));
    assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
    assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(identity.certificate()))).isTrue();
    return basic;
  }

  @Test
  void shouldAnswerGoodRevokedAndUnknownInOneSignedResponse() throws Exception {
    BasicOCSPResp basic = ask(ca, GOOD, REVOKED, BigInteger.valueOf(7));
    assertThat(basic.getResponses()[0].getCertStatus()).isNull();
    RevokedStatus revoked = (RevokedStatus) basic.getResponses()[1].getCertStatus();
    assertThat(revoked.getRevocationTime().toInstant()).isEqualTo(REVOKED_AT);
    assertThat(revoked.getRevocationReason()).isEqualTo(1);
    assertThat(basic.getResponses()[2].getCertStatus()).isInstanceOf(UnknownStatus.class);
  }

  @Test
  void shouldNotVouchForCertificatesOfAnotherCa() throws Exception {
    assertThat(ask(foreignCa, GOOD).getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
  }

  @Test
  void shouldAnswerMalformedRequestForGarbageEmptyAndOversizedRequests() throws Exception {
    assertThat(new OCSPResp(responder.respond(new byte[] {0x30, 0x03, 1, 2}, OcspResponderTest::status)).getStatus())
        .isEqualTo(OCSPResp.MALFORMED_REQUEST);
    assertThat(new OCSPResp(responder.respond(new byte[0], OcspResponderTest::status)).getStatus())
        .isEqualTo(OCSPResp.MALFORMED_REQUEST);
    OCSPReqBuilder many = new OCSPReqBuilder();
    for (int i = 0; i <= OcspResponder.MAX_CERTIFICATES_PER_REQUEST; i++) {
      many.addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
          new JcaX509CertificateHolder(ca), BigInteger.valueOf(i)));
    }
    assertThat(new OCSPResp(responder.respond(many.build().getEncoded(), OcspResponderTest::status)).getStatus())
        .isEqualTo(OCSPResp.MALFORMED_REQUEST);
  }
}
