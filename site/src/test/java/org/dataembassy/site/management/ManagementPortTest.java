package org.dataembassy.site.management;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dataembassy.site.TestCitizens.HTTPS_TEST_PORT;
import static org.dataembassy.site.TestCitizens.MANAGEMENT_TEST_PORT;
import static org.dataembassy.site.TestCitizens.asOperator;
import static org.dataembassy.site.TestCitizens.atManagement;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.dataembassy.runtime.security.Operators;
import org.dataembassy.site.OperatorCredentials;
import org.dataembassy.site.SiteCertificates;
import org.junit.jupiter.api.Test;

/**
 * Operators are people with certificates: the management endpoints are served on the management
 * port only, to an operator's or auditor's certificate from the state root (an auditor reads);
 * on the service port an operator's certificate authenticates a write, a citizen's claim to be
 * one does not.
 */
@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class ManagementPortTest {

  private static final Path CA = SiteCertificates.OPERATOR_DIR.getParent().resolve("ca.pem");

  @jakarta.inject.Inject org.dataembassy.runtime.crypto.HttpsIdentity https;

  @Test
  void shouldServeTheManagementEndpointsOnlyOnTheManagementPort() {
    atManagement().get("/q/metrics").then().statusCode(200);
    atManagement().get("/operator/data-keys").then().statusCode(200).body("version", equalTo(1));
    // on the service port, with the same operator certificate: not here
    asOperator().get("/q/metrics").then().statusCode(404).contentType("application/problem+json")
        .body("code", equalTo("management_port"));
    asOperator().post("/operator/data-keys").then().statusCode(404).body("code", equalTo("management_port"));
    given().get("/q/metrics").then().statusCode(404); // the tests' plain HTTP port
    // the detailed health is the operators'; the probes stay where load balancers ask
    given().get("/q/health").then().statusCode(404).body("code", equalTo("management_port"));
    given().get("/q/health/started").then().statusCode(404);
    given().get("/q/health/ready").then().statusCode(200);
    given().get("/q/health/live").then().statusCode(200);
    atManagement().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    // and the e-services are not on the management port
    atManagement().get("/parcels/00000:000:0000").then().statusCode(404).body("code", equalTo("not_management"));
  }

  @Test
  void shouldLetAnAuditorReadButNotChange() {
    atManagement(SiteCertificates.AUDITOR_DIR).get("/q/metrics").then().statusCode(200);
    atManagement(SiteCertificates.AUDITOR_DIR).get("/operator/data-keys").then().statusCode(200);
    atManagement(SiteCertificates.AUDITOR_DIR).post("/operator/data-keys").then().statusCode(403)
        .contentType("application/problem+json").body("code", equalTo("forbidden"));
    atManagement().post("/operator/data-keys").then().statusCode(200);
  }

  @Test
  void shouldRefuseACertificateThatNamesNoOperator() throws Exception {
    // a site's HTTPS certificate, from the same root, names no operator or auditor
    Path site = Files.createTempDirectory("site-identity");
    var https = SiteCertificates.stateRoot()
        .issueTlsCertificate("home.gov.example", List.of("home.gov.example"), List.of("127.0.0.1"), java.time.Duration.ofDays(1));
    Files.writeString(site.resolve("cert.pem"), https.chainPem());
    Files.writeString(site.resolve("key.pem"), https.privateKeyPem());
    atManagement(site).get("/q/metrics").then().statusCode(403).body("code", equalTo("forbidden"));
  }

  @Test
  void shouldRefuseAConnectionWithoutAClientCertificate() {
    assertThatThrownBy(() ->
            given().baseUri("https://127.0.0.1").port(MANAGEMENT_TEST_PORT)
                .config(RestAssuredConfig.config().sslConfig(
                    SSLConfig.sslConfig().trustStore(OperatorCredentials.trusting(CA)).allowAllHostnames()))
                .get("/q/metrics"))
        .isInstanceOf(Exception.class); // the TLS handshake fails: the port requires a certificate
  }

  @Test
  void shouldAuthenticateAnOperatorsWriteByCertificateAndNeverByAClaimedHeader() {
    String id = String.format("%05d:%03d:%04d", ThreadLocalRandom.current().nextInt(100000), 7, 7);
    Map<String, Object> parcel = Map.of(
        "cadastralId", id, "address", "Kuuse 3, Tartu", "areaM2", 900, "purpose", "residential",
        "owners", List.of(Map.of("personalCode", "38001010009", "name", "Owner", "share", "1/1")));
    // a hostile citizen names the operator as a forwarding site would: not believed
    given().baseUri("https://127.0.0.1").port(HTTPS_TEST_PORT)
        .config(RestAssuredConfig.config().sslConfig(SSLConfig.sslConfig().trustStore(OperatorCredentials.trusting(CA)).allowAllHostnames()))
        .header(Operators.FORWARDED_HEADER, "operator;CN=operator,OU=Operators,O=GOV")
        .contentType(ContentType.JSON).body(parcel).post("/parcels")
        .then().statusCode(401).body("code", equalTo("unauthenticated"));
    // an auditor's certificate writes nothing either
    given().baseUri("https://127.0.0.1").port(HTTPS_TEST_PORT)
        .config(RestAssuredConfig.config().sslConfig(OperatorCredentials.ssl(SiteCertificates.AUDITOR_DIR, CA, OperatorCredentials.trusting(CA))))
        .contentType(ContentType.JSON).body(parcel).post("/parcels")
        .then().statusCode(401);
    asOperator().contentType(ContentType.JSON).body(parcel).post("/parcels").then().statusCode(201);
    assertThat(asOperator().get("/parcels/" + id).jsonPath().getString("cadastralId")).isEqualTo(id);
  }

  @Test
  void shouldBelieveAForwardedOperatorOnlyWithASitesOwnHttpsCertificate() throws Exception {
    // the site's own HTTPS identity (key made in memory, certified by its issuing CA): what a
    // standby presents when it forwards an operator's write
    var credential = https.current();
    Path site = Files.createTempDirectory("site-https");
    Files.writeString(site.resolve("cert.pem"), org.dataembassy.runtime.crypto.Pem.encode(credential.chain().get(0)));
    Files.writeString(site.resolve("key.pem"), org.dataembassy.runtime.crypto.Pem.encodePrivateKey(credential.keyPair().getPrivate()));
    Path issuing = site.resolve("issuing-ca.pem");
    Files.writeString(issuing, org.dataembassy.runtime.crypto.Pem.encode(credential.chain().get(1)));
    // a certificate with the same name, but straight from the root (not the site's issuing CA)
    Path impostor = Files.createTempDirectory("impostor");
    var rootIssued = SiteCertificates.stateRoot()
        .issueTlsCertificate("home.gov.example", List.of("home.gov.example"), List.of("127.0.0.1"), java.time.Duration.ofDays(1));
    Files.writeString(impostor.resolve("cert.pem"), rootIssued.chainPem());
    Files.writeString(impostor.resolve("key.pem"), rootIssued.privateKeyPem());

    String id = String.format("%05d:%03d:%04d", ThreadLocalRandom.current().nextInt(100000), 8, 8);
    Map<String, Object> parcel = Map.of(
        "cadastralId", id, "address", "Kuuse 4, Tartu", "areaM2", 700, "purpose", "residential",
        "owners", List.of(Map.of("personalCode", "38001010009", "name", "Owner", "share", "1/1")));
    given().baseUri("https://127.0.0.1").port(HTTPS_TEST_PORT)
        .config(RestAssuredConfig.config().sslConfig(OperatorCredentials.ssl(impostor, CA, OperatorCredentials.trusting(CA))))
        .header(Operators.FORWARDED_HEADER, "operator;CN=operator,OU=Operators,O=GOV")
        .contentType(ContentType.JSON).body(parcel).post("/parcels")
        .then().statusCode(401);
    given().baseUri("https://127.0.0.1").port(HTTPS_TEST_PORT)
        .config(RestAssuredConfig.config().sslConfig(OperatorCredentials.ssl(site, issuing, OperatorCredentials.trusting(CA))))
        .header(Operators.FORWARDED_HEADER, "operator;CN=operator,OU=Operators,O=GOV")
        .contentType(ContentType.JSON).body(parcel).post("/parcels")
        .then().statusCode(201);
  }
}
