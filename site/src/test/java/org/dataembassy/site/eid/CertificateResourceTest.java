package org.dataembassy.site.eid;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dataembassy.site.TestCitizens.asOperator;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.dataembassy.runtime.crypto.Pem;
import org.dataembassy.runtime.crypto.PublicKeys;
import org.dataembassy.site.SiteCertificates;
import org.dataembassy.site.TestCitizens;
import org.dataembassy.site.TestCitizens.Citizen;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class CertificateResourceTest {

  private static final String PROBLEM = "application/problem+json";

  @Test
  void shouldIssueAnEidCertificateForTheCitizensKeyUnderTheSitesIssuingCa() throws Exception {
    String code = TestCitizens.newPersonalCode();
    Citizen mari = TestCitizens.enrol(code, "Mari Maasikas", "notary");
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(mari.certificatePem().getBytes(StandardCharsets.US_ASCII)));
    X509Certificate root = Pem.readCertificate(Path.of("target", "test-data", "ca.pem"));
    // certified by this site's issuing CA (in its token), itself certified by the root for end
    // entities only; never by the root, whose key no site holds
    String issuerPem =
        asOperator().get("/certificates/" + mari.serial()).then().statusCode(200).extract().path("issuer");
    X509Certificate issuing =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(issuerPem.getBytes(StandardCharsets.US_ASCII)));
    assertThat(issuing.getSubjectX500Principal().getName()).contains("Issuing CA (home)");
    assertThat(issuing.getBasicConstraints()).isZero();
    issuing.verify(root.getPublicKey());
    cert.verify(issuing.getPublicKey());
    assertThat(cert.getIssuerX500Principal()).isEqualTo(issuing.getSubjectX500Principal());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> cert.verify(root.getPublicKey()))
        .isInstanceOf(java.security.SignatureException.class);
    assertThat(cert.getPublicKey()).isEqualTo(mari.keys().getPublic());
    assertThat(cert.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253, Map.of("2.5.4.5", "SERIALNUMBER")))
        .contains("SERIALNUMBER=PNOEE-" + code).contains("CN=Mari Maasikas");
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(cert.getKeyUsage()[1]).as("nonRepudiation").isTrue();
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);

    asOperator().get("/certificates/" + mari.serial()).then().statusCode(200)
        .body("status", equalTo("good"))
        .body("roles", equalTo(List.of("notary")))
        .body("personalCode", equalTo(code));
  }

  @Test
  void shouldRevokeEveryValidCertificateOfAPersonOnce() {
    String code = TestCitizens.newPersonalCode();
    Citizen first = TestCitizens.enrol(code, "Jaan Tamm");
    Citizen second = TestCitizens.enrol(code, "Jaan Tamm");
    asOperator().contentType(ContentType.JSON).body(Map.of("personalCode", code, "reason", "key_compromise"))
        .post("/certificates/revocations").then().statusCode(200)
        .body("revoked.serial", hasSize(2))
        .body("revoked.status", equalTo(List.of("revoked", "revoked")));
    asOperator().get("/certificates/" + second.serial()).then().body("revocationReason", equalTo("key_compromise"));
    asOperator().contentType(ContentType.JSON).body(Map.of("personalCode", code))
        .post("/certificates/revocations").then().statusCode(404).contentType(PROBLEM)
        .body("code", equalTo("no_valid_certificate"));
    asOperator().contentType(ContentType.JSON).body(Map.of())
        .post("/certificates/" + first.serial() + "/revocation").then().statusCode(409)
        .body("code", equalTo("already_revoked"));
  }

  @Test
  void shouldRefuseBadEnrolmentsAndNonOperators() {
    String key = PublicKeys.toPem(TestCitizens.newKeyPair().getPublic());
    given().contentType(ContentType.JSON)
        .body(Map.of("personalCode", "38001010009", "name", "Mari", "publicKey", key))
        .post("/certificates").then().statusCode(401).contentType(PROBLEM).body("code", equalTo("unauthenticated"));
    asOperator().contentType(ContentType.JSON)
        .body(Map.of("personalCode", "38001010008", "name", "Mari", "publicKey", key))
        .post("/certificates").then().statusCode(422).body("code", equalTo("invalid_personal_code"));
    asOperator().contentType(ContentType.JSON)
        .body(Map.of("personalCode", "38001010009", "name", "Mari", "publicKey", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
        .post("/certificates").then().statusCode(422).body("code", equalTo("invalid_public_key"));
    asOperator().contentType(ContentType.JSON)
        .body(Map.of("personalCode", "38001010009", "name", "Mari\u0000", "publicKey", key))
        .post("/certificates").then().statusCode(422).body("code", equalTo("invalid_name"));
    asOperator().contentType(ContentType.JSON)
        .body(Map.of("personalCode", "38001010009", "name", "Mari", "publicKey", key, "roles", List.of("king")))
        .post("/certificates").then().statusCode(422).body("code", equalTo("invalid_role"));
    asOperator().contentType(ContentType.JSON).body(Map.of("reason", "bored"))
        .post("/certificates/ABCD/revocation").then().statusCode(422).body("code", equalTo("invalid_reason"));
    asOperator().get("/certificates/xyz").then().statusCode(422).body("code", equalTo("invalid_serial"));
  }

  @Test
  void shouldShowACitizenTheirOwnCertificatesOnly() {
    Citizen kati = TestCitizens.enrol(TestCitizens.newPersonalCode(), "Kati Karu");
    Citizen mati = TestCitizens.enrol(TestCitizens.newPersonalCode(), "Mati Mets");
    String session = TestCitizens.login(kati);
    TestCitizens.as(session).queryParam("personalCode", kati.personalCode()).get("/certificates").then().statusCode(200)
        .body("serial", org.hamcrest.Matchers.hasItem(kati.serial()));
    TestCitizens.as(session).queryParam("personalCode", mati.personalCode()).get("/certificates").then().statusCode(403)
        .body("code", equalTo("forbidden"));
    TestCitizens.as(session).get("/certificates/" + mati.serial()).then().statusCode(404);
    TestCitizens.as(session).get("/certificates/" + kati.serial()).then().statusCode(200)
        .body("certificate", startsWith("-----BEGIN CERTIFICATE-----"));
  }
}
