package org.dataembassy.site.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dataembassy.site.it.FederationHarness;
import org.dataembassy.site.it.OpensslLogin;
import org.dataembassy.site.it.Tool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.dataembassy.site.it.SiteLogsOnFailure;

/**
 * F0800: "digital signatures do not work for days" must not happen. A citizen logs in at home;
 * home is killed (-9); at the embassy that takes over, the same session still works without a new
 * login, a time-stamp verifies with the same state chain ({@code openssl ts -verify}), and a
 * revocation written at home before the loss is still in force ({@code openssl ocsp}).
 */
@ExtendWith(SiteLogsOnFailure.class)
@Tag("failover")
class F0800CitizenServicesAfterHomeLossIT {

  @RegisterExtension
  static final FederationHarness sites = FederationHarness.started("f0800", "127.0.0.111");

  @TempDir Path work;

  @Test
  void shouldKeepSessionsTimeStampsAndRevocationsWorkingAtTheEmbassy() throws Exception {
    Path mari = work.resolve("mari");
    Path stolen = work.resolve("stolen");
    assertThat(sites.embassy("citizen", "enrol", "--code", "38001010009", "--name", "Mari Maasikas", "--out", mari.toString())).isZero();
    assertThat(sites.embassy("citizen", "enrol", "--code", "49403136526", "--name", "Jaan Tamm", "--out", stolen.toString())).isZero();
    assertThat(sites.embassy("citizen", "revoke", "--code", "49403136526", "--reason", "key_compromise")).isZero();
    Files.copy(sites.caCertificate(), work.resolve("ca.pem"));

    // login at home with a signature made by openssl
    String token = OpensslLogin.login(sites, "home", mari, work);

    // a challenge is answered once, and only at the site that gave it: home's, answered at lux, is
    // refused — and cannot be answered at home after that either
    String nonce = OpensslLogin.challenge(sites, "home");
    OpensslLogin.answer(sites, nonce, "lux", mari, work).then().statusCode(401).body("code", equalTo("unknown_challenge"));
    OpensslLogin.answer(sites, nonce, "home", mari, work).then().statusCode(401).body("code", equalTo("unknown_challenge"));

    // a session ends with its certificate, at every site: revoked at home, refused at lux
    Path kalle = work.resolve("kalle");
    assertThat(sites.embassy("citizen", "enrol", "--code", "38001010020", "--name", "Kalle Kask", "--out", kalle.toString())).isZero();
    String kallesSession = OpensslLogin.login(sites, "home", kalle, work);
    sites.anonymousAt("lux").header("Authorization", "Bearer " + kallesSession).get("/sessions/current").then().statusCode(200);
    assertThat(sites.embassy("citizen", "revoke", "--code", "38001010020", "--reason", "key_compromise")).isZero();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        sites.anonymousAt("lux").header("Authorization", "Bearer " + kallesSession).get("/sessions/current")
            .then().statusCode(401));

    sites.kill("home");
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
        assertThat(sites.at("lux").get("/sites/self").jsonPath().getString("role")).isEqualTo("ACTIVE"));

    // the same session, no new login, at the new active site
    sites.anonymousAt("lux").header("Authorization", "Bearer " + token).get("/sessions/current")
        .then().statusCode(200).body("personalCode", equalTo("38001010009"));

    // a time-stamp issued at the embassy verifies with the same chain
    Files.writeString(work.resolve("contract.txt"), "signed after the loss of home\n");
    Tool.run(work, "openssl", "ts", "-query", "-data", "contract.txt", "-sha256", "-cert", "-out", "req.tsq").assertSuccess();
    Tool.run(work, "curl", "-sS", "--fail", "--max-time", "10", "--cacert", "ca.pem",
        "-H", "Content-Type: application/timestamp-query", "--data-binary", "@req.tsq", "-o", "lux.tsr",
        sites.baseUri("lux") + "/tsa").assertSuccess();
    assertThat(Tool.run(work, "openssl", "ts", "-verify", "-data", "contract.txt", "-in", "lux.tsr", "-CAfile", "ca.pem")
        .assertSuccess().out()).contains("Verification: OK");

    // OCSP at the embassy: good for Mari, revoked for the certificate revoked at home
    for (String site : new String[] {"lux", "emb2"}) {
      assertThat(Tool.run(work, "openssl", "ocsp", "-issuer", mari.resolve("issuer.pem").toString(), "-cert", mari.resolve("cert.pem").toString(),
          "-url", sites.baseUri(site) + "/ocsp", "-CAfile", "ca.pem", "-timeout", "10").assertSuccess().out())
          .contains(": good");
      assertThat(Tool.run(work, "openssl", "ocsp", "-issuer", stolen.resolve("issuer.pem").toString(), "-cert", stolen.resolve("cert.pem").toString(),
          "-url", sites.baseUri(site) + "/ocsp", "-CAfile", "ca.pem", "-timeout", "10").assertSuccess().out())
          .contains(": revoked");
    }
  }
}
