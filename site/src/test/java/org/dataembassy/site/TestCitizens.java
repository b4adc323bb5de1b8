package org.dataembassy.site;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.dataembassy.runtime.crypto.PublicKeys;

/**
 * Citizens for {@code @QuarkusTest}s of the site under test: enrolled by the operator with a key
 * the test generates (as a citizen's card would), logged in by signing a challenge.
 */
public final class TestCitizens {

  private TestCitizens() {}

  /** An enrolled citizen: their key pair and what the register answered. */
  public record Citizen(String personalCode, KeyPair keys, String certificatePem, String serial) {}

  /** The site's HTTPS test port (the tests' plain HTTP port carries no client certificate). */
  public static final int HTTPS_TEST_PORT = 8444;
  /** The management port of the site under test ({@code %test.embassy.management.port}). */
  public static final int MANAGEMENT_TEST_PORT = 9445;

  /** A request over HTTPS presenting the tests' operator certificate (as curl --cert/--key would). */
  public static RequestSpecification asOperator() {
    return over(HTTPS_TEST_PORT, SiteCertificates.OPERATOR_DIR);
  }

  /** A request to the management port with the operator's certificate. */
  public static RequestSpecification atManagement() {
    return over(MANAGEMENT_TEST_PORT, SiteCertificates.OPERATOR_DIR);
  }

  /** A request to the management port with the given identity's certificate ({@code cert.pem}, {@code key.pem}). */
  public static RequestSpecification atManagement(java.nio.file.Path identity) {
    return over(MANAGEMENT_TEST_PORT, identity);
  }

  private static RequestSpecification over(int port, java.nio.file.Path identity) {
    java.nio.file.Path ca = SiteCertificates.DATA_DIR.resolve("ca.pem");
    return given()
        .baseUri("https://127.0.0.1")
        .port(port)
        .config(io.restassured.config.RestAssuredConfig.config()
            .sslConfig(OperatorCredentials.ssl(identity, ca, OperatorCredentials.trusting(ca))));
  }

  public static RequestSpecification as(String sessionToken) {
    return given().header("Authorization", "Bearer " + sessionToken);
  }

  /**
   * A valid personal code no other test uses (the test database outlives a run): a random date of
   * birth and serial, with the check digit that makes it valid.
   */
  public static String newPersonalCode() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    while (true) {
      String prefix =
          String.format("%d%02d%02d%02d%03d", 3 + r.nextInt(2), r.nextInt(100), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(1000));
      for (int check = 0; check <= 9; check++) {
        if (org.dataembassy.runtime.identity.PersonalCode.problemWith(prefix + check) == null) {
          return prefix + check;
        }
      }
    }
  }

  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Citizen enrol(String personalCode, String name, String... roles) {
    KeyPair keys = newKeyPair();
    var answer =
        asOperator()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "personalCode", personalCode,
                    "name", name,
                    "publicKey", PublicKeys.toPem(keys.getPublic()),
                    "roles", List.of(roles)))
            .post("/certificates")
            .then()
            .statusCode(201)
            .body("notAfter", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d{2}-\\d{2}T.*Z"))
            .extract()
            .jsonPath();
    return new Citizen(personalCode, keys, answer.getString("certificate"), answer.getString("serial"));
  }

  /** Signs {@code data} as {@code openssl dgst -sha256 -sign} would. */
  public static byte[] sign(KeyPair keys, byte[] data) {
    try {
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(keys.getPrivate());
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String newNonce() {
    return given().post("/challenges").then().statusCode(201).extract().jsonPath().getString("nonce");
  }

  /** Logs in and returns the session token. */
  public static String login(Citizen citizen) {
    String nonce = newNonce();
    byte[] signature = sign(citizen.keys(), Base64.getDecoder().decode(nonce));
    return given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "certificate", citizen.certificatePem(),
                "nonce", nonce,
                "signature", Base64.getEncoder().encodeToString(signature)))
        .post("/sessions")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getString("token");
  }
}
