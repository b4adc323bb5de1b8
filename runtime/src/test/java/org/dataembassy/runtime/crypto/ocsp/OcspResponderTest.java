package org.dataembassy.runtime.crypto.ocsp;

import org.dataembassy.runtime.crypto.TestStateRoots;
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
    StateCertificateAuthority state = TestStateRoots.in(data, "GOV");
    ca = state.certificate();
    foreignCa = TestStateRoots.in(elsewhere, "OTHER").certificate();
    identity = SigningIdentity.of(state.issueServiceCertificate(SigningService.OCSP, java.time.Duration.ofDays(365)));
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
  void shouldAnswerSha256CertIdsInDerWithTheResponderCertificateAndWholeSeconds() throws Exception {
    var digests = new JcaDigestCalculatorProviderBuilder().build();
    var sha256 = new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
        org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256);
    OCSPReqBuilder builder = new OCSPReqBuilder();
    builder.addRequest(new CertificateID(digests.get(sha256), new JcaX509CertificateHolder(ca), GOOD));
    builder.addRequest(new CertificateID(digests.get(sha256), new JcaX509CertificateHolder(foreignCa), GOOD));
    byte[] der = responder.respond(builder.build().getEncoded(), OcspResponderTest::status);
    assertThat(org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der).getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER))
        .isEqualTo(der);
    BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(der).getResponseObject();
    assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(identity.certificate()))).isTrue();
    assertThat(basic.getResponses()[0].getCertStatus()).isNull(); // good
    assertThat(basic.getResponses()[1].getCertStatus()).isInstanceOf(UnknownStatus.class);
    assertThat(basic.getResponses()[0].getCertID().getHashAlgOID()).isEqualTo(sha256.getAlgorithm());
    assertThat(basic.getCerts()).hasSize(1);
    assertThat(basic.getCerts()[0].getEncoded()).isEqualTo(identity.certificate().getEncoded());
    assertThat(basic.getProducedAt().getTime() % 1000).isZero();
    assertThat(basic.getResponses()[0].getThisUpdate().getTime() % 1000).isZero();
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

  /** A status source whose answers the test changes, with the version a real register keeps. */
  static final class ChangingStatuses implements org.dataembassy.runtime.crypto.CertificateStatusSource {
    volatile CertificateStatus status = CertificateStatus.good();
    final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public CertificateStatus statusOf(BigInteger serial) {
      return status;
    }

    @Override
    public long version() {
      return version.get();
    }

    void revoke() {
      status = CertificateStatus.revoked(REVOKED_AT, RevocationReason.KEY_COMPROMISE);
      version.incrementAndGet();
    }
  }

  private static byte[] request(boolean withNonce) throws Exception {
    OCSPReqBuilder builder = new OCSPReqBuilder();
    builder.addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
        new JcaX509CertificateHolder(ca), GOOD));
    if (withNonce) {
      byte[] nonce = new byte[16];
      new java.security.SecureRandom().nextBytes(nonce);
      builder.setRequestExtensions(new org.bouncycastle.asn1.x509.Extensions(new org.bouncycastle.asn1.x509.Extension(
          org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
          new org.bouncycastle.asn1.DEROctetString(nonce))));
    }
    return builder.build().getEncoded();
  }

  @Test
  void shouldPreProduceResponsesWithoutNonceUntilAStatusChanges() throws Exception {
    OcspResponder caching = new OcspResponder(identity,
        SigningProvider.forChoice(SigningProvider.Choice.BOUNCYCASTLE), Clock.systemUTC(), java.time.Duration.ofHours(1), 100);
    ChangingStatuses statuses = new ChangingStatuses();

    OcspResponder.Answer first = caching.answer(request(false), statuses);
    OcspResponder.Answer again = caching.answer(request(false), statuses);
    assertThat(again.der()).isEqualTo(first.der()); // the same signed response, not a new signature
    assertThat(first.nextUpdate()).isPresent();
    BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(first.der()).getResponseObject();
    assertThat(basic.getResponses()[0].getCertStatus()).isNull(); // good
    assertThat(basic.getResponses()[0].getNextUpdate().toInstant()).isEqualTo(first.nextUpdate().get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(identity.certificate()))).isTrue();

    statuses.revoke(); // answered at once, not after nextUpdate
    BasicOCSPResp afterRevocation =
        (BasicOCSPResp) new OCSPResp(caching.answer(request(false), statuses).der()).getResponseObject();
    assertThat(afterRevocation.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
  }

  @Test
  void shouldSignEveryResponseToARequestWithANonce() throws Exception {
    OcspResponder caching = new OcspResponder(identity,
        SigningProvider.forChoice(SigningProvider.Choice.BOUNCYCASTLE), Clock.systemUTC(), java.time.Duration.ofHours(1), 100);
    ChangingStatuses statuses = new ChangingStatuses();
    byte[] request = request(true);
    OcspResponder.Answer first = caching.answer(request, statuses);
    OcspResponder.Answer second = caching.answer(request, statuses);
    assertThat(second.der()).isNotEqualTo(first.der()); // ECDSA signatures differ: signed anew
    assertThat(first.nextUpdate()).isEmpty();
    assertThat(((BasicOCSPResp) new OCSPResp(first.der()).getResponseObject()).getResponses()[0].getNextUpdate()).isNull();
  }

  @Test
  void shouldNotKeepAnythingDerivedFromASourceThatDoesNotTrackChanges() throws Exception {
    OcspResponder caching = new OcspResponder(identity,
        SigningProvider.forChoice(SigningProvider.Choice.BOUNCYCASTLE), Clock.systemUTC(), java.time.Duration.ofHours(1), 100);
    byte[] first = caching.respond(request(false), OcspResponderTest::status);
    byte[] second = caching.respond(request(false), OcspResponderTest::status);
    assertThat(second).isNotEqualTo(first);
  }
}
