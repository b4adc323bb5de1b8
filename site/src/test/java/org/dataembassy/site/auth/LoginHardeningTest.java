package org.dataembassy.site.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dataembassy.site.TestCitizens.enrol;
import static org.dataembassy.site.TestCitizens.newNonce;
import static org.dataembassy.site.TestCitizens.sign;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.dataembassy.runtime.crypto.Pem;
import org.dataembassy.runtime.crypto.token.SiteSigningKeys;
import org.dataembassy.runtime.crypto.token.SiteToken;
import org.dataembassy.site.SiteCertificates;
import org.dataembassy.site.TestCitizens;
import org.dataembassy.site.TestCitizens.Citizen;
import org.junit.jupiter.api.Test;

/**
 * Login as a hostile citizen would try it: failures with a victim's public certificate, from
 * another address, do not lock the victim out; a certificate the register does not hold — same
 * serial, other content, even signed by the site's own issuing CA — does not log in.
 */
@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class LoginHardeningTest {

  @Inject SiteToken token;

  /** A login attempt from {@code from} (a loopback address of the test's choosing); the status. */
  private static int loginFrom(String from, String certificatePem, String nonce, byte[] signature) throws IOException {
    String body = new ObjectMapper().writeValueAsString(
        Map.of("certificate", certificatePem, "nonce", nonce, "signature", Base64.getEncoder().encodeToString(signature)));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), RestAssured.port, InetAddress.getByName(from), 0)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
          + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  @Test
  void shouldNotLetFailuresWithAVictimsCertificateFromElsewhereLockTheVictimOut() throws Exception {
    Citizen victim = enrol(TestCitizens.newPersonalCode(), "Viktor Ohver");
    byte[] wrong = sign(TestCitizens.newKeyPair(), "anything".getBytes());
    for (int i = 0; i < 8; i++) {
      assertThat(loginFrom("127.0.0.2", victim.certificatePem(), newNonce(), wrong)).isIn(401, 429);
    }
    assertThat(loginFrom("127.0.0.2", victim.certificatePem(), newNonce(), wrong)).as("the attacker is throttled (that certificate, from that address)").isEqualTo(429);
    String nonce = newNonce();
    assertThat(loginFrom("127.0.0.3", victim.certificatePem(), nonce, sign(victim.keys(), Base64.getDecoder().decode(nonce))))
        .as("the victim, from their own address, logs in").isEqualTo(201);
  }

  @Test
  void shouldRefuseACertificateThatIsNotTheRegistersCopyOfItsSerial() throws Exception {
    Citizen genuine = enrol(TestCitizens.newPersonalCode(), "Ehtne Kodanik");
    X509Certificate registered = org.dataembassy.runtime.crypto.CitizenCertificates.parse(genuine.certificatePem()).orElseThrow();
    // the same serial, subject and key, another validity: signed with this site's own issuing CA
    var issuing = SiteSigningKeys.loadKey(token, SiteSigningKeys.ISSUING_CA);
    X509Certificate twin = new JcaX509CertificateConverter().getCertificate(
        new JcaX509v3CertificateBuilder(
                X500Name.getInstance(issuing.certificate().getSubjectX500Principal().getEncoded()),
                new BigInteger(genuine.serial(), 16),
                new Date(System.currentTimeMillis() - 60_000),
                new Date(System.currentTimeMillis() + Duration.ofDays(400).toMillis()),
                X500Name.getInstance(registered.getSubjectX500Principal().getEncoded()),
                genuine.keys().getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(token.provider()).build(issuing.privateKey())));
    String nonce = newNonce();
    given().contentType(ContentType.JSON)
        .body(Map.of("certificate", Pem.encode(twin), "nonce", nonce,
            "signature", Base64.getEncoder().encodeToString(sign(genuine.keys(), Base64.getDecoder().decode(nonce)))))
        .post("/sessions").then().statusCode(401).body("code", equalTo("invalid_certificate"));
    TestCitizens.login(genuine); // the register's own copy logs in
  }
}
