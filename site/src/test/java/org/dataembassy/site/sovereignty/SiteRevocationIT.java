package org.dataembassy.site.sovereignty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dataembassy.cli.federation.SiteClient;
import org.dataembassy.site.it.FederationHarness;
import org.dataembassy.site.it.Parcels;
import org.dataembassy.site.it.SiteLogsOnFailure;
import org.dataembassy.site.it.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./embassy site revoke lux}, against three real sites: lux, once active, enrolled a citizen
 * with its issuing CA; the state then revokes lux. OCSP at every other site reports lux's
 * certificates and the citizen's revoked ({@code openssl ocsp}), openssl finds the root's list
 * valid, home and emb2 cut lux's links (counted), the citizen enrolled at lux can no longer log in,
 * home keeps writing with emb2, and the ceremony never certifies lux again.
 */
@ExtendWith(SiteLogsOnFailure.class)
class SiteRevocationIT {

  @RegisterExtension
  static final FederationHarness sites = FederationHarness.started("revocation", "127.0.0.121");

  @Test
  void shouldCutOffARevokedSiteEverywhereAndKeepTheFederationWriting() throws Exception {
    Path data = sites.federation().layout().dataDir();
    Path work = Files.createDirectories(data.resolve("revocation-work"));
    // lux active for a while: a citizen enrolled there is certified by lux's issuing CA
    SiteClient.Answer toLux = sites.federation().switchover("lux");
    assertThat(toLux.status()).as(toLux.body()).isEqualTo(200);
    Path ants = work.resolve("ants");
    assertThat(sites.embassy("citizen", "enrol", "--code", "38001010020", "--name", "Ants Lux", "--out", ants.toString())).isZero();
    assertThat(openssl(work, "x509", "-in", ants.resolve("issuer.pem").toString(), "-noout", "-subject").out()).contains("Issuing CA (lux)");
    SiteClient.Answer back = sites.federation().switchover("home");
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        sites.at("home").get("/sites/self").then().body("role", equalTo("ACTIVE")));
    assertThat(ocsp(work, "home", ants.resolve("issuer.pem"), ants.resolve("cert.pem"))).contains(": good");

    double refusedBefore = sites.metric("home", "embassy_sitelink_refused_total{reason=\"revoked\"}");
    assertThat(sites.embassy("site", "revoke", "lux")).as("every running site took the list on its management port").isZero();
    for (String site : List.of("home", "emb2")) {
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(Files.readString(data.resolve(site).resolve("site.log")))
              .as("the audit trail at %s names the operator who handed the list", site)
              .contains("EMB-AU-050").contains("sites [lux]").contains("CN=operator"));
    }

    // OCSP at every other site: lux's own certificates (from the root) and the citizen lux enrolled
    List<Path> luxCertificates;
    try (var files = Files.list(data.resolve("state").resolve("issued").resolve("lux"))) {
      luxCertificates = files.sorted().toList();
    }
    assertThat(luxCertificates).as("tsa, ocsp, journal, issuing CA, site link (the HTTPS key is certified by lux's issuing CA)").hasSize(5);
    for (String site : List.of("home", "emb2")) {
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(ocsp(work, site, sites.caCertificate(), luxCertificates.get(0))).contains(": revoked"));
      for (Path certificate : luxCertificates) {
        assertThat(ocsp(work, site, sites.caCertificate(), certificate)).as("%s at %s", certificate.getFileName(), site)
            .contains(": revoked").contains("Reason: keyCompromise");
      }
      assertThat(ocsp(work, site, ants.resolve("issuer.pem"), ants.resolve("cert.pem")))
          .contains(": revoked").contains("Reason: cACompromise");
    }
    assertThat(openssl(work, "crl", "-in", data.resolve("home").resolve("pki").resolve("revoked-sites.crl").toString(),
        "-CAfile", sites.caCertificate().toString(), "-noout").out()).contains("verify OK");

    // home and emb2 cut lux off: its links are refused, counted and logged
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(sites.connected("home")).containsExactlyInAnyOrder("home", "emb2");
      assertThat(sites.connected("emb2")).containsExactlyInAnyOrder("home", "emb2");
      assertThat(sites.metric("home", "embassy_sitelink_refused_total{reason=\"revoked\"}")).isGreaterThan(refusedBefore);
    });
    assertThat(Files.readString(sites.federation().processes().logFile("home"))).contains("EMB-CR-030").contains("[lux]");

    // the citizen lux's issuing CA certified cannot log in anywhere else (a challenge is backed up
    // to the embassies: it waits until home's replication has taken lux offline, as a lost embassy)
    String nonce = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
      var answer = sites.anonymousAt("home").post("/challenges");
      return answer.statusCode() == 201 ? answer.path("nonce").toString() : null;
    }, java.util.Objects::nonNull);
    Files.write(work.resolve("nonce.bin"), java.util.Base64.getDecoder().decode(nonce));
    openssl(work, "dgst", "-sha256", "-sign", ants.resolve("key.pem").toString(), "-out", "nonce.sig", "nonce.bin");
    sites.anonymousAt("home").contentType(ContentType.JSON)
        .body(Map.of(
            "certificate", Files.readString(ants.resolve("cert.pem")),
            "nonce", nonce,
            "signature", java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(work.resolve("nonce.sig")))))
        .post("/sessions").then().statusCode(401);

    // home keeps writing, acknowledged by emb2 (once the control plane, whose leader lux may have
    // been, has elected among home and emb2 and home holds its lease again)
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(sites.at("home").contentType(ContentType.JSON).body(Parcels.parcel(Parcels.id(121, 1))).post("/parcels")
            .statusCode()).isIn(201, 409));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        sites.at("emb2").get("/parcels/" + Parcels.id(121, 1)).then().statusCode(200));

    // and the ceremony never certifies lux again, even with its certificates gone
    Files.delete(data.resolve("lux").resolve("tls").resolve("link-cert.pem"));
    assertThat(sites.embassy("up", "--detach")).isNotZero();
    assertThat(data.resolve("lux").resolve("tls").resolve("link-cert.pem")).doesNotExist();
    assertThat(sites.embassy("site", "revoke", "lux")).as("revoking again changes nothing").isZero();
    assertThat(sites.embassy("site", "revoke", "nowhere")).isNotZero();
  }

  private static Tool.Result openssl(Path work, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "openssl";
    System.arraycopy(args, 0, command, 1, args.length);
    return Tool.run(work, command).assertSuccess();
  }

  private String ocsp(Path work, String site, Path issuer, Path certificate) throws Exception {
    return openssl(work, "ocsp", "-issuer", issuer.toString(), "-cert", certificate.toString(),
        "-url", sites.baseUri(site) + "/ocsp", "-CAfile", sites.caCertificate().toString()).out();
  }


}
