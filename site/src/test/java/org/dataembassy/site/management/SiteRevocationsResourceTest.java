package org.dataembassy.site.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataembassy.site.TestCitizens.asOperator;
import static org.dataembassy.site.TestCitizens.atManagement;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.Revoked;
import org.dataembassy.site.SiteCertificates;
import org.junit.jupiter.api.Test;

/**
 * The state root's revocation list handed to a site on its management port ({@code PUT
 * /operator/site-revocations}): taken only from an operator, only if the root signed it and it is
 * not older than the one in force; anything else changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class SiteRevocationsResourceTest {

  private static final String CRL = "application/pkix-crl";
  private static final Path LIST = SiteCertificates.OPERATOR_DIR.getParent().resolve("home/pki/revoked-sites.crl");

  private static byte[] list(StateCertificateAuthority root, BigInteger number, String site) throws Exception {
    Revoked revoked = new Revoked(new BigInteger(64, new java.security.SecureRandom()), site, Instant.now());
    return root.revocationList(List.of(revoked), number, Instant.now().plus(Duration.ofDays(30))).getEncoded();
  }

  private static BigInteger inForce() {
    return new BigInteger(atManagement().get("/operator/site-revocations").then().statusCode(200).extract().path("number").toString());
  }

  @Test
  void shouldTakeTheRootsListFromAnOperatorAndRefuseItAtOnce() throws Exception {
    // (sites of no test federation: the entries revoke random serials, nothing the tests use)
    BigInteger next = inForce().add(BigInteger.TWO);
    byte[] der = list(SiteCertificates.stateRoot(), next, "seized-a");

    atManagement().contentType(CRL).body(der).put("/operator/site-revocations")
        .then().statusCode(200).body("number", equalTo(next.intValue())).body("sites", hasItem("seized-a"));
    assertThat(Files.readAllBytes(LIST)).as("stored for the next start").isEqualTo(der);
    atManagement(SiteCertificates.AUDITOR_DIR).get("/operator/site-revocations")
        .then().statusCode(200).body("sites", hasItem("seized-a"));

    // a replay of an older list (what a host that kept one would try) is refused: nothing changes
    atManagement().contentType(CRL).body(list(SiteCertificates.stateRoot(), next.subtract(BigInteger.ONE), "seized-b"))
        .put("/operator/site-revocations")
        .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("revocation_list_outdated"));
    assertThat(Files.readAllBytes(LIST)).isEqualTo(der);
    assertThat(inForce()).isEqualTo(next);
  }

  @Test
  void shouldRefuseAListTheRootDidNotSignOrThatIsNoList() throws Exception {
    BigInteger before = inForce();
    // the host's own "root" signs a list that would revoke home: not the state root's
    atManagement().contentType(CRL).body(list(StateCertificateAuthority.inMemory("GOV"), before.add(BigInteger.TEN), "home"))
        .put("/operator/site-revocations")
        .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("not_a_revocation_list"));
    atManagement().contentType(CRL).body(new byte[] {0x30, 0x03, 1, 2, 3}).put("/operator/site-revocations")
        .then().statusCode(400).body("code", equalTo("not_a_revocation_list"));
    atManagement().contentType(CRL).body(new byte[0]).put("/operator/site-revocations")
        .then().statusCode(400).body("code", equalTo("not_a_revocation_list"));
    atManagement().contentType(CRL).body(new byte[1_000_001]).put("/operator/site-revocations")
        .then().statusCode(413).body("code", equalTo("request_too_large"));
    atManagement(SiteCertificates.AUDITOR_DIR).get("/operator/site-revocations")
        .then().statusCode(200).body("number", equalTo(before.intValue()));
  }

  @Test
  void shouldTakeNoListFromAnAuditorNorOnTheServicePort() throws Exception {
    BigInteger before = inForce();
    byte[] der = list(SiteCertificates.stateRoot(), before.add(BigInteger.valueOf(5)), "seized-b");
    atManagement(SiteCertificates.AUDITOR_DIR).contentType(CRL).body(der).put("/operator/site-revocations")
        .then().statusCode(403).body("code", equalTo("forbidden"));
    asOperator().contentType(CRL).body(der).put("/operator/site-revocations")
        .then().statusCode(404).body("code", equalTo("management_port"));
    assertThat(inForce()).isEqualTo(before);
  }
}
