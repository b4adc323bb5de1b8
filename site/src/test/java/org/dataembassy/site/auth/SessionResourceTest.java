package org.dataembassy.site.auth;

import static io.restassured.RestAssured.given;
import static org.dataembassy.site.TestCitizens.asOperator;
import static org.dataembassy.site.TestCitizens.enrol;
import static org.dataembassy.site.TestCitizens.login;
import static org.dataembassy.site.TestCitizens.newNonce;
import static org.dataembassy.site.TestCitizens.sign;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Base64;
import java.util.Map;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.site.SiteCertificates;
import org.dataembassy.site.TestCitizens;
import org.dataembassy.site.TestCitizens.Citizen;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class SessionResourceTest {

  private static final String PROBLEM = "application/problem+json";

  private static Response attempt(String certificate, String nonce, byte[] signature) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("certificate", certificate, "nonce", nonce, "signature", Base64.getEncoder().encodeToString(signature)))
        .post("/sessions");
  }

  @Test
  void shouldLogInWithASignedChallengeAndEndTheSessionOnLogout() {
    Citizen mari = enrol(TestCitizens.newPersonalCode(), "Mari Maasikas");
    given().post("/challenges").then().statusCode(201).body("nonce", notNullValue()).body("expiresAt", notNullValue());
    String token = login(mari);
    TestCitizens.as(token).get("/sessions/current").then().statusCode(200)
        .body("personalCode", equalTo(mari.personalCode()))
        .body("name", equalTo("Mari Maasikas"))
        .body("certificateSerial", equalTo(mari.serial()))
        .body("roles", hasSize(0))
        .body("token", equalTo(null))
        .body("idleExpiresAt", notNullValue());
    TestCitizens.as(token).delete("/sessions/current").then().statusCode(204);
    TestCitizens.as(token).get("/sessions/current").then().statusCode(401).contentType(PROBLEM)
        .body("code", equalTo("session_expired"));
  }

  @Test
  void shouldGiveASessionTheRolesItsCertificateWasEnrolledWith() {
    Citizen nora = enrol(TestCitizens.newPersonalCode(), "Nora Notar", "notary");
    Citizen mari = enrol(TestCitizens.newPersonalCode(), "Mari Mets");
    TestCitizens.as(login(nora)).get("/sessions/current").then().statusCode(200)
        .body("roles", org.hamcrest.Matchers.contains("notary"));
    TestCitizens.as(login(mari)).get("/sessions/current").then().statusCode(200).body("roles", hasSize(0));
    // revoking one certificate changes nobody's roles
    asOperator().contentType(ContentType.JSON).body(Map.of("reason", "superseded"))
        .post("/certificates/" + mari.serial() + "/revocation").then().statusCode(200);
    TestCitizens.as(login(nora)).get("/sessions/current").then().statusCode(200)
        .body("roles", org.hamcrest.Matchers.contains("notary"));
  }

  @Test
  void shouldRefuseAWrongSignatureAndNeverAcceptTheSameNonceTwice() {
    Citizen jaan = enrol(TestCitizens.newPersonalCode(), "Jaan Tamm");
    String nonce = newNonce();
    byte[] overOtherBytes = sign(jaan.keys(), "something else".getBytes());
    attempt(jaan.certificatePem(), nonce, overOtherBytes).then().statusCode(401).contentType(PROBLEM)
        .body("code", equalTo("invalid_signature"));
    // the nonce was consumed by the failed attempt: a correct signature over it is refused too
    attempt(jaan.certificatePem(), nonce, sign(jaan.keys(), Base64.getDecoder().decode(nonce)))
        .then().statusCode(401).body("code", equalTo("unknown_challenge"));
    String fresh = newNonce();
    attempt(jaan.certificatePem(), fresh, overOtherBytes).then().statusCode(401).body("code", equalTo("invalid_signature"));
    String once = newNonce();
    byte[] good = sign(jaan.keys(), Base64.getDecoder().decode(once));
    attempt(jaan.certificatePem(), once, good).then().statusCode(201).body("token", notNullValue());
    attempt(jaan.certificatePem(), once, good).then().statusCode(401).body("code", equalTo("unknown_challenge"));
  }

  @Test
  void shouldRefuseAnotherPersonsKeyAForeignCertificateAndARevokedOne() throws Exception {
    Citizen kati = enrol(TestCitizens.newPersonalCode(), "Kati Karu");
    Citizen other = enrol(TestCitizens.newPersonalCode(), "Mati Mets");
    String nonce = newNonce();
    attempt(kati.certificatePem(), nonce, sign(other.keys(), Base64.getDecoder().decode(nonce)))
        .then().statusCode(401).body("code", equalTo("invalid_signature"));

    // a certificate from a CA that is not the state's
    var foreign =
        StateCertificateAuthority.inMemory("ELSEWHERE");
    var keys = TestCitizens.newKeyPair();
    String foreignPem =
        org.dataembassy.runtime.crypto.Pem.encode(
            foreign.issueCitizenCertificate(keys.getPublic(), "60001019906", "Kati Karu", "EE", java.time.Duration.ofDays(30)));
    String n2 = newNonce();
    attempt(foreignPem, n2, sign(keys, Base64.getDecoder().decode(n2)))
        .then().statusCode(401).body("code", equalTo("invalid_certificate"));
    attempt("not a certificate", newNonce(), new byte[] {1}).then().statusCode(401).body("code", equalTo("invalid_certificate"));

    String session = login(kati);
    asOperator().contentType(ContentType.JSON).body(Map.of("reason", "key_compromise"))
        .post("/certificates/" + kati.serial() + "/revocation").then().statusCode(200);
    String n3 = newNonce();
    attempt(kati.certificatePem(), n3, sign(kati.keys(), Base64.getDecoder().decode(n3)))
        .then().statusCode(401).body("code", equalTo("certificate_revoked"));
    // a session opened before the revocation ends with it: refused at its next use, and gone
    TestCitizens.as(session).get("/sessions/current").then().statusCode(401).contentType(PROBLEM)
        .body("code", equalTo("session_expired"));
    TestCitizens.as(session).get("/sessions/current").then().statusCode(401);
  }

  @Test
  void shouldThrottleACertificateAfterRepeatedFailures() {
    Citizen target = enrol(TestCitizens.newPersonalCode(), "Peeter Paju");
    byte[] wrong = sign(target.keys(), "not the nonce".getBytes());
    for (int i = 0; i < 5; i++) {
      attempt(target.certificatePem(), newNonce(), wrong).then().statusCode(401);
    }
    String nonce = newNonce();
    attempt(target.certificatePem(), nonce, sign(target.keys(), Base64.getDecoder().decode(nonce)))
        .then().statusCode(429).contentType(PROBLEM)
        .header("Retry-After", notNullValue())
        .body("code", equalTo("too_many_failures"));
  }

  @Test
  void shouldAnswerProblemsForMissingOrUnknownCredentials() {
    given().get("/sessions/current").then().statusCode(401).body("code", equalTo("unauthenticated"));
    TestCitizens.as("no-such-session").get("/sessions/current").then().statusCode(401)
        .body("code", equalTo("session_expired"));
    given().contentType(ContentType.JSON).post("/sessions").then().statusCode(400).contentType(PROBLEM);
  }
}
