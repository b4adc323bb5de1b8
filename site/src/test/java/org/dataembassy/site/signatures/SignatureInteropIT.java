package org.dataembassy.site.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.dataembassy.site.it.FederationHarness;
import org.dataembassy.site.it.OpensslLogin;
import org.dataembassy.site.it.Parcels;
import org.dataembassy.site.it.Tool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.dataembassy.site.it.SiteLogsOnFailure;

/**
 * The state's authentication and signature services with clients nobody here wrote: a citizen
 * enrolled with {@code ./embassy citizen enrol}, then {@code openssl ts}, {@code openssl ocsp},
 * {@code openssl cms} and {@code openssl dgst} against three real sites.
 */
@ExtendWith(SiteLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignatureInteropIT {

  static final List<String> SITES = List.of("home", "lux", "emb2");
  static final String CODE = "38001010009";

  @RegisterExtension
  static final FederationHarness sites = FederationHarness.started("signatures", "127.0.0.101");

  @TempDir static Path work;
  static Path citizen;
  static String sessionToken;

  static int embassy(String... args) {
    return sites.embassy(args);
  }

  static Tool.Result openssl(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "openssl";
    System.arraycopy(args, 0, command, 1, args.length);
    return Tool.run(work, command);
  }

  static Tool.Result curlPost(String site, String path, String contentType, String inFile, String outFile)
      throws Exception {
    return Tool.run(work, "curl", "-sS", "--fail", "--max-time", "10", "--cacert", sites.caCertificate().toString(),
        "-H", "Content-Type: " + contentType, "--data-binary", "@" + inFile, "-o", outFile,
        sites.baseUri(site) + path);
  }

  @BeforeAll
  static void enrol() throws Exception {
    citizen = work.resolve("mari");
    assertThat(embassy("citizen", "enrol", "--code", CODE, "--name", "Mari Maasikas", "--out", citizen.toString()))
        .isZero();
    assertThat(citizen.resolve("cert.pem")).exists();
    assertThat(Files.getPosixFilePermissions(citizen.resolve("key.pem")))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    Files.copy(sites.caCertificate(), work.resolve("ca.pem"));
    Files.writeString(work.resolve("doc.txt"), "I, Mari Maasikas, sell parcel 78401:001:0001.\n");
    Files.writeString(work.resolve("tampered.txt"), "I, Mari Maasikas, sell parcel 78401:001:0002.\n");
  }

  @Test
  @Order(1)
  void shouldIssueTimeStampsAtEverySiteThatOpensslVerifiesWithTheStateChain() throws Exception {
    openssl("ts", "-query", "-data", "doc.txt", "-sha256", "-cert", "-out", "req.tsq").assertSuccess();
    for (String site : SITES) {
      curlPost(site, "/tsa", "application/timestamp-query", "req.tsq", site + ".tsr").assertSuccess();
      assertThat(openssl("ts", "-verify", "-data", "doc.txt", "-in", site + ".tsr", "-CAfile", "ca.pem").assertSuccess().out())
          .contains("Verification: OK");
      assertThat(openssl("ts", "-verify", "-data", "tampered.txt", "-in", site + ".tsr", "-CAfile", "ca.pem").exit())
          .as("a time-stamp over another document")
          .isNotZero();
    }
    for (String site : SITES) { // every site signs with its own TSA key, certified by the state CA
      openssl("ts", "-reply", "-in", site + ".tsr", "-token_out", "-out", site + ".tst").assertSuccess();
      assertThat(openssl("pkcs7", "-inform", "DER", "-in", site + ".tst", "-print_certs", "-noout").assertSuccess().out())
          .contains("Time-Stamping Authority (" + site + ")");
    }
    String home = openssl("ts", "-reply", "-in", "home.tsr", "-text").assertSuccess().out();
    String lux = openssl("ts", "-reply", "-in", "lux.tsr", "-text").assertSuccess().out();
    assertThat(serial(home)).isNotEqualTo(serial(lux));
  }

  private static String serial(String replyText) {
    return replyText.lines().filter(l -> l.startsWith("Serial number:")).findFirst().orElseThrow();
  }

  @Test
  @Order(2)
  void shouldAnswerOcspGoodThenRevokedAtEverySiteAfterARevocationWrittenAtHome() throws Exception {
    String cert = citizen.resolve("cert.pem").toString();
    // certified by the issuing CA of the site that enrolled Mari (the state root's key is at no
    // site); every site answers for it through the delegation of that CA to its own responder
    String issuer = citizen.resolve("issuer.pem").toString();
    assertThat(openssl("x509", "-in", issuer, "-noout", "-subject", "-ext", "basicConstraints").assertSuccess().out())
        .contains("Issuing CA (home)").contains("pathlen:0");
    assertThat(openssl("verify", "-CAfile", "ca.pem", "-untrusted", issuer, cert).assertSuccess().out()).contains(": OK");
    for (String site : SITES) {
      Tool.Result good = openssl("ocsp", "-issuer", issuer, "-cert", cert, "-url", sites.baseUri(site) + "/ocsp",
          "-CAfile", "ca.pem", "-timeout", "10");
      assertThat(good.assertSuccess().out()).contains(cert + ": good").contains("Response verify OK");
      assertThat(openssl("ocsp", "-issuer", issuer, "-cert", cert, "-url", sites.baseUri(site) + "/ocsp",
              "-CAfile", "ca.pem", "-timeout", "10", "-resp_text").assertSuccess().out())
          .as("signed by %s's own responder key", site)
          .contains("OCSP Responder (" + site + ")");
    }
    assertThat(embassy("citizen", "revoke", "--code", CODE, "--reason", "key_compromise")).isZero();
    for (String site : SITES) {
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
          assertThat(openssl("ocsp", "-issuer", issuer, "-cert", cert, "-url", sites.baseUri(site) + "/ocsp",
              "-CAfile", "ca.pem", "-timeout", "10").assertSuccess().out())
              .contains(cert + ": revoked").contains("Reason: keyCompromise"));
    }
    // enrolled again (a new card) for the next tests
    citizen = work.resolve("mari-2");
    assertThat(embassy("citizen", "enrol", "--code", CODE, "--name", "Mari Maasikas", "--out", citizen.toString()))
        .isZero();
    // every site knows the new certificate once it has folded the enrolment (a standby lags by
    // moments: it folds an entry once its successor or a checkpoint arrives)
    for (String site : SITES) {
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
          assertThat(openssl("ocsp", "-issuer", citizen.resolve("issuer.pem").toString(), "-cert", citizen.resolve("cert.pem").toString(),
              "-url", sites.baseUri(site) + "/ocsp", "-CAfile", "ca.pem", "-timeout", "10").assertSuccess().out())
              .contains(": good"));
    }
  }

  @Test
  @Order(3)
  void shouldAugmentAnOpensslCmsSignatureSoThatOpensslStillVerifiesIt() throws Exception {
    openssl("cms", "-sign", "-binary", "-in", "doc.txt", "-signer", citizen.resolve("cert.pem").toString(),
        "-inkey", citizen.resolve("key.pem").toString(), "-outform", "DER", "-out", "sig.der").assertSuccess();
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(work.resolve("doc.txt"))));
    curlPost("lux", "/signatures?digest=" + digest, "application/cms", "sig.der", "stamped.der").assertSuccess();
    assertThat(openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", "stamped.der", "-content", "doc.txt",
        "-CAfile", "ca.pem", "-out", "/dev/null").assertSuccess().out()).contains("Verification successful");
    assertThat(openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", "stamped.der", "-content", "tampered.txt",
        "-CAfile", "ca.pem", "-out", "/dev/null").exit()).isNotZero();

    sites.anonymousAt("emb2").contentType("application/cms").body(Files.readAllBytes(work.resolve("stamped.der")))
        .queryParam("digest", digest).post("/signatures/validation")
        .then().statusCode(200)
        .body("status", equalTo("valid"))
        .body("signer.personalCode", equalTo(CODE))
        .body("checks.find { it.name == 'signature_timestamp' }.outcome", equalTo("passed"));
  }

  @Test
  @Order(4)
  void shouldLogInWithAnOpensslSignatureAndUseTheSessionAtAnotherSite() throws Exception {
    String token = OpensslLogin.login(sites, "home", citizen, work);
    sessionToken = token;
    // the session is in a replicated cache: an embassy knows it at once
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        sites.anonymousAt("lux").header("Authorization", "Bearer " + token).get("/sessions/current")
            .then().statusCode(200).body("personalCode", equalTo(CODE)));

    // a land transfer needs the owner's session; a standby forwards it with the session to home
    String id = "78401:777:0001";
    sites.at("home").contentType(ContentType.JSON).body(Parcels.parcel(id)).post("/parcels")
        .then().statusCode(201);
    sites.anonymousAt("emb2").header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
        .body(Map.of("expectedVersion", 1, "owners", List.of(Map.of("personalCode", "49403136526", "name", "Jaan Tamm", "share", "1/1"))))
        .post("/parcels/" + id + "/transfers").then().statusCode(200).body("version", equalTo(2));
  }

  @Test
  @Order(5)
  void shouldKeepNoPersonalDataNorSessionTokenInTheClearInAnyFileOfAnEmbassy() throws Exception {
    // the host's staff hold an embassy's disks: its databases, journal store, Raft log, logs, keys
    // and token files. After enrolments, a revocation, parcels, a transfer, a login, time-stamps,
    // OCSP and a signature, none of them holds a name, a personal code or a session token in the
    // clear; the state's data key is in no plain file.
    Path data = sites.caCertificate().getParent();
    assertThat(data.resolve("keys").resolve("state-data.key")).doesNotExist();
    assertThat(data.resolve("ca").resolve("ca-key.pem")).as("the state root's key is in the state's token").doesNotExist();
    List<String> secrets = List.of(CODE, "49403136526", "Maasikas", "Jaan Tamm", "Tamme 5", "PNOEE", sessionToken);
    for (String site : List.of("lux", "emb2", "home")) {
      List<Path> files;
      try (var walk = Files.walk(data.resolve(site))) {
        files = walk.filter(Files::isRegularFile).toList();
      }
      assertThat(files).as("files at %s", site)
          .anyMatch(f -> f.toString().contains("/db/"))
          .anyMatch(f -> f.toString().contains("/journal/"))
          .anyMatch(f -> f.toString().contains("/raft/"))
          .anyMatch(f -> f.getFileName().toString().equals("site.log"));
      long bytes = 0;
      for (Path file : files) {
        String content = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        bytes += content.length();
        for (String secret : secrets) {
          assertThat(content).as("%s holds %s", file, secret.equals(sessionToken) ? "the session token" : secret)
              .doesNotContain(secret);
        }
        assertThat(content).as("%s holds a private key in the clear", file).doesNotContain("PRIVATE KEY");
      }
      assertThat(bytes).as("the stores at %s hold the workload", site).isGreaterThan(10_000);
      assertThat(Files.getPosixFilePermissions(data.resolve(site)))
          .as("a site's directory is its owner's alone")
          .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE, java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
    }
    // and yet every site reads the personal data back, decrypted with the key its token unseals
    sites.at("lux").queryParam("personalCode", CODE).get("/certificates")
        .then().statusCode(200).body("name", org.hamcrest.Matchers.hasItem("Mari Maasikas"));
  }
}
