package org.dataembassy.site.signatures;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dataembassy.site.TestCitizens.asOperator;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.dataembassy.runtime.crypto.Pem;
import org.dataembassy.site.SiteCertificates;
import org.dataembassy.site.TestCitizens;
import org.dataembassy.site.TestCitizens.Citizen;
import org.junit.jupiter.api.Test;

/** The signature services with a Bouncy Castle client: RFC 3161, RFC 6960, CMS. */
@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class SignatureServicesResourceTest {

  private static final Path DATA = Path.of("target", "test-data");

  private static X509Certificate ca() throws Exception {
    return Pem.readCertificate(DATA.resolve("ca.pem"));
  }

  private static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static byte[] tsa(byte[] request) {
    return given().contentType("application/timestamp-query").body(request).post("/tsa")
        .then().statusCode(200).contentType("application/timestamp-reply").extract().asByteArray();
  }

  @Test
  void shouldGrantATimeStampThatVerifiesWithTheTsaCertificateOfTheStateCa() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest("contract".getBytes(StandardCharsets.UTF_8));
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    BigInteger nonce = BigInteger.valueOf(new SecureRandom().nextLong() & Long.MAX_VALUE);
    var request = generator.generate(NISTObjectIdentifiers.id_sha256, digest, nonce);
    TimeStampResponse response = new TimeStampResponse(tsa(request.getEncoded()));
    response.validate(request);
    assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
    // the site's own TSA certificate, carried in the token (certReq), issued by the state CA
    var holder = response.getTimeStampToken().getCertificates().getMatches(null).iterator().next();
    X509Certificate tsaCert = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(holder);
    tsaCert.verify(ca().getPublicKey());
    assertThat(tsaCert.getSubjectX500Principal().getName()).contains("Time-Stamping Authority (home)");
    response.getTimeStampToken().validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsaCert));
    assertThat(response.getTimeStampToken().getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);

    var second = new TimeStampResponse(tsa(request.getEncoded()));
    assertThat(second.getTimeStampToken().getTimeStampInfo().getSerialNumber())
        .isNotEqualTo(response.getTimeStampToken().getTimeStampInfo().getSerialNumber());
  }

  @TestHTTPResource("/tsa")
  URL tsaUrl;

  @Test
  void shouldAnswerPipelinedTimeStampRequestsInOrder() throws Exception {
    // HTTP/1.1 pipelining (RFC 9112 §9.3.2), as bench/post-pipelined.lua loads the site: several
    // requests in one write, each answered in order with its own token
    int count = 5;
    ByteArrayOutputStream requests = new ByteArrayOutputStream();
    for (int i = 0; i < count; i++) {
      TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
      byte[] body = generator.generate(NISTObjectIdentifiers.id_sha256, new byte[32], BigInteger.valueOf(1000 + i)).getEncoded();
      requests.write(
          ("POST /tsa HTTP/1.1\r\nHost: " + tsaUrl.getHost() + "\r\nContent-Type: application/timestamp-query\r\n"
                  + "Content-Length: " + body.length + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      requests.write(body);
    }
    try (Socket socket = new Socket(tsaUrl.getHost(), tsaUrl.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(requests.toByteArray());
      socket.getOutputStream().flush();
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      for (int i = 0; i < count; i++) {
        assertThat(readLine(in)).isEqualTo("HTTP/1.1 200 OK");
        int length = -1;
        for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
          if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(header.substring("content-length:".length()).strip());
          }
        }
        byte[] body = new byte[length];
        in.readFully(body);
        TimeStampResponse response = new TimeStampResponse(body);
        assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
        assertThat(response.getTimeStampToken().getTimeStampInfo().getNonce()).isEqualTo(BigInteger.valueOf(1000 + i));
      }
    }
  }

  private static String readLine(DataInputStream in) throws java.io.IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new java.io.EOFException("the connection closed in a response");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  @Test
  void shouldRejectUnknownAlgorithmsAndMalformedRequestsInsideATimeStampResp() throws Exception {
    var md5 = new TimeStampRequestGenerator().generate(PKCSObjectIdentifiers.md5, new byte[16]);
    TimeStampResponse badAlg = new TimeStampResponse(tsa(md5.getEncoded()));
    assertThat(badAlg.getStatus()).isEqualTo(PKIStatus.REJECTION);
    assertThat(badAlg.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badAlg);

    TimeStampResponse garbage = new TimeStampResponse(tsa("hello".getBytes(StandardCharsets.UTF_8)));
    assertThat(garbage.getStatus()).isEqualTo(PKIStatus.REJECTION);
    assertThat(garbage.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);

    given().contentType(ContentType.JSON).body("{}").post("/tsa").then().statusCode(415)
        .contentType("application/problem+json");
  }

  private static OCSPResp ocsp(X509Certificate subject, byte[] nonce) throws Exception {
    CertificateID id =
        new CertificateID(
            new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
            new JcaX509CertificateHolder(ca()),
            subject.getSerialNumber());
    OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
    builder.setRequestExtensions(
        new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce))));
    byte[] answer =
        given().contentType("application/ocsp-request").body(builder.build().getEncoded()).post("/ocsp")
            .then().statusCode(200).contentType("application/ocsp-response").extract().asByteArray();
    return new OCSPResp(answer);
  }

  /** A GET without a nonce (RFC 5019): the pre-produced response and its Cache-Control. */
  private static io.restassured.response.Response ocspWithoutNonce(X509Certificate subject) throws Exception {
    CertificateID id =
        new CertificateID(
            new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
            new JcaX509CertificateHolder(ca()),
            subject.getSerialNumber());
    String encoded = java.net.URLEncoder.encode(
        Base64.getEncoder().encodeToString(new OCSPReqBuilder().addRequest(id).build().getEncoded()), StandardCharsets.US_ASCII);
    return given().urlEncodingEnabled(false).get("/ocsp/" + encoded).then().statusCode(200)
        .contentType("application/ocsp-response").extract().response();
  }

  @Test
  void shouldPreProduceResponsesWithoutNonceAndAnswerARevocationAtOnce() throws Exception {
    Citizen citizen = TestCitizens.enrol(TestCitizens.newPersonalCode(), "Pille Preproduced");
    X509Certificate cert = certificate(citizen.certificatePem());
    var first = ocspWithoutNonce(cert);
    var second = ocspWithoutNonce(cert);
    assertThat(second.asByteArray()).isEqualTo(first.asByteArray()); // served again, not re-signed
    assertThat(first.header("Cache-Control")).matches("max-age=\\d+, public, no-transform, must-revalidate");
    assertThat(Long.parseLong(first.header("Cache-Control").replaceAll("max-age=(\\d+),.*", "$1")))
        .isBetween(3000L, 3600L); // embassy.crypto.ocsp-response-validity PT1H
    BasicOCSPResp good = (BasicOCSPResp) new OCSPResp(first.asByteArray()).getResponseObject();
    assertThat(good.getResponses()[0].getCertStatus()).isNull();
    assertThat(good.getResponses()[0].getNextUpdate()).isNotNull();

    asOperator().contentType(ContentType.JSON).body(Map.of("reason", "key_compromise"))
        .post("/certificates/" + citizen.serial() + "/revocation").then().statusCode(200);
    BasicOCSPResp revoked = (BasicOCSPResp) new OCSPResp(ocspWithoutNonce(cert).asByteArray()).getResponseObject();
    assertThat(revoked.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
  }

  @Test
  void shouldRefuseOversizedProtocolBodiesWithAProblem() {
    given().contentType("application/timestamp-query").body(new byte[20_000]).post("/tsa").then().statusCode(413)
        .contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("request_too_large"));
    given().contentType("application/ocsp-request").body(new byte[20_000]).post("/ocsp").then().statusCode(413)
        .contentType("application/problem+json");
    given().contentType(ContentType.JSON).body("{}").post("/ocsp").then().statusCode(415)
        .contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("unsupported_media_type"));
  }

  @Test
  void shouldAnswerOcspGoodThenRevokedWithTheNonceEchoedAndSignedByTheResponder() throws Exception {
    Citizen citizen = TestCitizens.enrol(TestCitizens.newPersonalCode(), "Olga Ocsp");
    X509Certificate cert = certificate(citizen.certificatePem());
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    OCSPResp good = ocsp(cert, nonce);
    assertThat(good.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    BasicOCSPResp basic = (BasicOCSPResp) good.getResponseObject();
    X509Certificate responder = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(basic.getCerts()[0]);
    responder.verify(ca().getPublicKey());
    assertThat(responder.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.9");
    assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))).isTrue();
    assertThat(basic.getResponses()[0].getCertStatus()).isNull(); // null is "good"
    assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets()).isEqualTo(nonce);

    asOperator().contentType(ContentType.JSON).body(Map.of("reason", "key_compromise"))
        .post("/certificates/" + citizen.serial() + "/revocation").then().statusCode(200);
    BasicOCSPResp revoked = (BasicOCSPResp) ocsp(cert, nonce).getResponseObject();
    assertThat(revoked.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
    assertThat(((RevokedStatus) revoked.getResponses()[0].getCertStatus()).getRevocationReason()).isEqualTo(1);

    // GET form (RFC 6960 appendix A.1)
    CertificateID id =
        new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
            new JcaX509CertificateHolder(ca()), BigInteger.valueOf(12345));
    String encoded = java.net.URLEncoder.encode(
        Base64.getEncoder().encodeToString(new OCSPReqBuilder().addRequest(id).build().getEncoded()), StandardCharsets.US_ASCII);
    byte[] unknown = given().urlEncodingEnabled(false).get("/ocsp/" + encoded).then().statusCode(200).extract().asByteArray();
    assertThat(((BasicOCSPResp) new OCSPResp(unknown).getResponseObject()).getResponses()[0].getCertStatus())
        .isInstanceOf(UnknownStatus.class);

    byte[] malformed = given().contentType("application/ocsp-request").body(new byte[] {1, 2, 3}).post("/ocsp")
        .then().statusCode(200).extract().asByteArray();
    assertThat(new OCSPResp(malformed).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
  }

  private static byte[] detachedSignature(Citizen citizen, byte[] document) throws Exception {
    X509Certificate cert = certificate(citizen.certificatePem());
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(citizen.keys().getPrivate()), cert));
    generator.addCertificates(new JcaCertStore(List.of(cert)));
    return generator.generate(new CMSProcessableByteArray(document), false).getEncoded();
  }

  /** A detached signature whose signer claims {@code claimed} as its signingTime attribute. */
  private static byte[] detachedSignature(Citizen citizen, byte[] document, java.time.Instant claimed) throws Exception {
    X509Certificate cert = certificate(citizen.certificatePem());
    org.bouncycastle.asn1.ASN1EncodableVector attributes = new org.bouncycastle.asn1.ASN1EncodableVector();
    attributes.add(new org.bouncycastle.asn1.cms.Attribute(
        org.bouncycastle.asn1.cms.CMSAttributes.signingTime,
        new org.bouncycastle.asn1.DERSet(new org.bouncycastle.asn1.cms.Time(java.util.Date.from(claimed)))));
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
            .setSignedAttributeGenerator(new org.bouncycastle.cms.DefaultSignedAttributeTableGenerator(
                new org.bouncycastle.asn1.cms.AttributeTable(attributes)))
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(citizen.keys().getPrivate()), cert));
    generator.addCertificates(new JcaCertStore(List.of(cert)));
    return generator.generate(new CMSProcessableByteArray(document), false).getEncoded();
  }

  /**
   * A thief with a card revoked for key compromise signs now and claims a time before the
   * revocation: refused. Only a trusted time-stamp that predates the revocation keeps a signature
   * valid, and the report says which time it judged the certificate at.
   */
  @Test
  void shouldJudgeASignatureAtItsTimeStampOrNowNeverAtTheSignersClaim() throws Exception {
    Citizen signer = TestCitizens.enrol(TestCitizens.newPersonalCode(), "Vello Varastatud");
    byte[] document = "Sell my land.".getBytes(StandardCharsets.UTF_8);
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document));
    byte[] stampedBefore =
        given().contentType("application/cms").body(detachedSignature(signer, document)).queryParam("digest", digest)
            .post("/signatures").then().statusCode(200).extract().asByteArray();
    Thread.sleep(1_100); // the revocation comes a second after the time-stamp, whatever their precision
    asOperator().contentType(ContentType.JSON).body(Map.of("reason", "key_compromise"))
        .post("/certificates/" + signer.serial() + "/revocation").then().statusCode(200);

    byte[] backDated = detachedSignature(signer, document, java.time.Instant.now().minus(java.time.Duration.ofMinutes(2)));
    given().contentType("application/cms").body(backDated).queryParam("digest", digest).post("/signatures")
        .then().statusCode(422).contentType("application/problem+json")
        .body("code", equalTo("signature_invalid"))
        .body("errors.field", org.hamcrest.Matchers.hasItem("certificate_status"));
    given().contentType("application/cms").body(backDated).queryParam("digest", digest).post("/signatures/validation")
        .then().statusCode(200)
        .body("status", equalTo("invalid"))
        .body("validationTimeSource", equalTo("validation"))
        .body("claimedSigningTime", org.hamcrest.Matchers.notNullValue())
        .body("checks.find { it.name == 'certificate_status' }.outcome", equalTo("failed"));

    // signed and time-stamped before the revocation: still valid, judged at the time-stamp
    given().contentType("application/cms").body(stampedBefore).queryParam("digest", digest).post("/signatures/validation")
        .then().statusCode(200)
        .body("status", equalTo("valid"))
        .body("validationTimeSource", equalTo("signature_timestamp"))
        .body("checks.find { it.name == 'certificate_status' }.outcome", equalTo("passed"));
  }

  @Test
  void shouldTimeStampAValidSignatureAndReportEveryCheck() throws Exception {
    Citizen signer = TestCitizens.enrol(TestCitizens.newPersonalCode(), "Siiri Signer");
    byte[] document = "I agree.".getBytes(StandardCharsets.UTF_8);
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document));
    byte[] cms = detachedSignature(signer, document);

    byte[] stamped =
        given().contentType("application/cms").body(cms).queryParam("digest", digest).post("/signatures")
            .then().statusCode(200).contentType("application/cms").extract().asByteArray();
    CMSSignedData augmented = new CMSSignedData(new CMSProcessableByteArray(document), stamped);
    SignerInformation info = augmented.getSignerInfos().getSigners().iterator().next();
    assertThat(info.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)).isNotNull();
    assertThat(info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate(signer.certificatePem())))).isTrue();

    given().contentType("application/cms").body(stamped).queryParam("digest", digest).post("/signatures/validation")
        .then().statusCode(200)
        .body("status", equalTo("valid"))
        .body("signer.personalCode", equalTo(signer.personalCode()))
        .body("checks.find { it.name == 'signature_timestamp' }.outcome", equalTo("passed"))
        .body("checks.find { it.name == 'certificate_status' }.outcome", equalTo("passed"))
        .body("checks.find { it.name == 'certificate_chain' }.outcome", equalTo("passed"));

    String otherDigest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("I refuse.".getBytes(StandardCharsets.UTF_8)));
    given().contentType("application/cms").body(cms).queryParam("digest", otherDigest).post("/signatures")
        .then().statusCode(422).contentType("application/problem+json")
        .body("code", equalTo("signature_invalid"))
        .body("errors.field", org.hamcrest.Matchers.hasItem("message_digest"));
    given().contentType("application/cms").body("junk".getBytes()).queryParam("digest", digest).post("/signatures/validation")
        .then().statusCode(200).body("status", equalTo("invalid"))
        .body("checks[0].name", equalTo("format"));
    given().contentType("application/cms").body(cms).post("/signatures").then().statusCode(422)
        .body("code", equalTo("invalid_digest"));
  }

  @Test
  void shouldAnswerTenThousandMutatedTsaAndOcspRequestsWithoutAServerError() throws Exception {
    byte[] tsq =
        new TimeStampRequestGenerator().generate(NISTObjectIdentifiers.id_sha256, new byte[32], BigInteger.ONE).getEncoded();
    CertificateID id =
        new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
            new JcaX509CertificateHolder(ca()), BigInteger.valueOf(4242));
    byte[] ocspReq = new OCSPReqBuilder().addRequest(id).build().getEncoded();
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.util.Random random = new java.util.Random(20261122);
    java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    for (int i = 0; i < 10_000; i++) {
      boolean tsa = i % 2 == 0;
      byte[] mutated = mutate(tsa ? tsq : ocspReq, random);
      var request =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port + (tsa ? "/tsa" : "/ocsp")))
              .header("Content-Type", tsa ? "application/timestamp-query" : "application/ocsp-request")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(mutated))
              .build();
      int status = http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
      statuses.merge(status, 1, Integer::sum);
      assertThat(status).as("mutated request %d", i).isLessThan(500);
    }
    System.out.println("mutated TSA/OCSP requests by HTTP status: " + statuses);
    // and the services still answer valid requests
    assertThat(new TimeStampResponse(tsa(tsq)).getStatus()).isEqualTo(PKIStatus.GRANTED);
    byte[] answer = given().contentType("application/ocsp-request").body(ocspReq).post("/ocsp").then().statusCode(200)
        .extract().asByteArray();
    assertThat(new OCSPResp(answer).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
  }

  /** Flips, inserts, deletes or truncates a few bytes, or replaces everything with noise. */
  private static byte[] mutate(byte[] valid, java.util.Random random) {
    byte[] out = valid.clone();
    switch (random.nextInt(5)) {
      case 0 -> {
        for (int f = 1 + random.nextInt(4); f > 0; f--) {
          out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
      }
      case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length));
      case 2 -> {
        out = java.util.Arrays.copyOf(out, out.length + 1 + random.nextInt(64));
        for (int k = valid.length; k < out.length; k++) {
          out[k] = (byte) random.nextInt(256);
        }
      }
      case 3 -> out[1 + random.nextInt(Math.min(4, out.length - 1))] = (byte) 0x84; // absurd length
      default -> {
        out = new byte[random.nextInt(200)];
        random.nextBytes(out);
      }
    }
    return out;
  }
}
