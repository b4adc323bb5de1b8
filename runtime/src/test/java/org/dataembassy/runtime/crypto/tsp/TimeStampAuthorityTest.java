package org.dataembassy.runtime.crypto.tsp;

import org.dataembassy.runtime.crypto.TestStateRoots;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.dataembassy.runtime.crypto.SigningIdentity;
import org.dataembassy.runtime.crypto.SigningProvider;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeStampAuthorityTest {

  @TempDir static Path data;
  static SigningIdentity identity;
  static TimeStampAuthority tsa;

  @BeforeAll
  static void setUp() throws Exception {
    StateCertificateAuthority ca = TestStateRoots.in(data, "GOV");
    identity = SigningIdentity.of(ca.issueServiceCertificate(SigningService.TIME_STAMPING, java.time.Duration.ofDays(365)));
    tsa =
        new TimeStampAuthority(
            identity,
            SigningProvider.forChoice(SigningProvider.Choice.BOUNCYCASTLE),
            "2.999.1.1",
            new TimeStampSerials("home", Clock.systemUTC()),
            Clock.systemUTC());
  }

  private static TimeStampResponse respond(byte[] request) throws Exception {
    return new TimeStampResponse(tsa.respond(request));
  }

  @Test
  void shouldGrantATokenOverTheImprintSignedByTheTsaKey() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    var request = generator.generate(NISTObjectIdentifiers.id_sha256, digest, BigInteger.TEN);
    TimeStampResponse response = respond(request.getEncoded());
    response.validate(request);
    assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
    response.getTimeStampToken().validate(new JcaSimpleSignerInfoVerifierBuilder().build(identity.certificate()));
    assertThat(response.getTimeStampToken().getTimeStampInfo().getPolicy().getId()).isEqualTo("2.999.1.1");
    assertThat(response.getTimeStampToken().getTimeStampInfo().getNonce()).isEqualTo(BigInteger.TEN);
    assertThat(response.getTimeStampToken().getCertificates().getMatches(null)).hasSize(1);
    assertThat(response.getTimeStampToken().getTimeStampInfo().getAccuracy().getSeconds().intValueExact()).isEqualTo(1);
    // the signed attributes RFC 5816 names, and no signing time
    var signed = response.getTimeStampToken().getSignedAttributes();
    assertThat(signed.get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
    assertThat(signed.get(org.bouncycastle.asn1.cms.CMSAttributes.signingTime)).isNull();
    // the encoding is DER: re-encoding what was parsed gives the same bytes
    byte[] der = tsa.respond(request.getEncoded());
    assertThat(org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der).getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER))
        .isEqualTo(der);
  }

  @Test
  void shouldLeaveTheCertificateOutUnlessAskedAndCertifyTheTimeToTheMillisecond() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[] {4, 5, 6});
    var request = new TimeStampRequestGenerator().generate(NISTObjectIdentifiers.id_sha256, digest);
    java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    TimeStampResponse response = respond(request.getEncoded());
    java.time.Instant after = java.time.Instant.now();
    response.validate(request);
    assertThat(response.getTimeStampToken().getCertificates().getMatches(null)).isEmpty();
    assertThat(response.getTimeStampToken().getTimeStampInfo().getNonce()).isNull();
    response.getTimeStampToken().validate(new JcaSimpleSignerInfoVerifierBuilder().build(identity.certificate()));
    assertThat(response.getTimeStampToken().getTimeStampInfo().getGenTime().toInstant()).isBetween(before, after);
  }

  @Test
  void shouldRejectWithTheFailureInfoRfc3161Names() throws Exception {
    var md5 = new TimeStampRequestGenerator().generate(PKCSObjectIdentifiers.md5, new byte[16]);
    TimeStampResponse badAlg = respond(md5.getEncoded());
    assertThat(badAlg.getStatus()).isEqualTo(PKIStatus.REJECTION);
    assertThat(badAlg.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badAlg);

    TimeStampResponse garbage = respond(new byte[] {0x68, 0x65, 0x6c});
    assertThat(garbage.getStatus()).isEqualTo(PKIStatus.REJECTION);
    assertThat(garbage.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);

    TimeStampRequestGenerator otherPolicy = new TimeStampRequestGenerator();
    otherPolicy.setReqPolicy(new ASN1ObjectIdentifier("1.2.3.4"));
    var policy = otherPolicy.generate(NISTObjectIdentifiers.id_sha256, new byte[32]);
    TimeStampResponse unaccepted = respond(policy.getEncoded());
    assertThat(unaccepted.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.unacceptedPolicy);

    var shortImprint = new TimeStampRequestGenerator().generate(NISTObjectIdentifiers.id_sha256, new byte[5]);
    assertThat(respond(shortImprint.getEncoded()).getStatus()).isEqualTo(PKIStatus.REJECTION);
  }

  @Test
  void shouldNeverRepeatASerialAndTagItWithTheSite() {
    TimeStampSerials home = new TimeStampSerials("home", Clock.systemUTC());
    TimeStampSerials lux = new TimeStampSerials("lux", Clock.systemUTC());
    Set<BigInteger> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(home.next())).isTrue();
      assertThat(seen.add(lux.next())).isTrue();
    }
    assertThat(home.next().and(BigInteger.valueOf(0xFFFF_FFFFL)).longValue()).isEqualTo(TimeStampSerials.siteTag("home"));
    assertThat(TimeStampSerials.siteTag("home")).isNotEqualTo(TimeStampSerials.siteTag("lux"));
  }

  @Test
  void shouldSurviveTruncatedAndMutatedRequests() throws Exception {
    byte[] valid = new TimeStampRequestGenerator().generate(NISTObjectIdentifiers.id_sha256, new byte[32]).getEncoded();
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 2_000; i++) {
      byte[] mutated = valid.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      byte[] cut = java.util.Arrays.copyOf(mutated, random.nextInt(mutated.length + 1));
      assertThat(new TimeStampResponse(tsa.respond(cut)).getStatus()).isIn(PKIStatus.GRANTED, PKIStatus.REJECTION);
    }
  }

}
