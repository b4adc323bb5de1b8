package org.dataembassy.site.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three real site processes replicating the land register (H2 projections): replication,
 * forwarding, idempotency across sites, the loss and return of embassies.
 */
@ExtendWith(SiteLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalFederationIT {

  @RegisterExtension
  static final FederationHarness sites = FederationHarness.started("local-federation", "127.0.0.31");

  static Response register(String site, String cadastralId) {
    return sites.at(site).contentType(ContentType.JSON).body(Parcels.parcel(cadastralId)).post("/parcels");
  }

  /**
   * Registers as a careful client does: with an Idempotency-Key, retrying a 503 (the site may
   * lose its lease for a moment when the embassy leading the Raft group dies) within 15 s.
   */
  static Response registerRetrying(String site, String cadastralId) {
    String key = "it-" + cadastralId;
    // a client retrying with its Idempotency-Key while a 503 says "not now" (e.g. a lease blip)
    return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
        .until(
            () -> sites.at(site).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Parcels.parcel(cadastralId)).post("/parcels"),
            r -> r.statusCode() != 503);
  }

  static void awaitParcelAt(String site, String cadastralId, long version, long sequence) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                sites
                    .at(site)
                    .get("/parcels/" + cadastralId)
                    .then()
                    .statusCode(200)
                    .body("version", equalTo((int) version))
                    .body("sequence", equalTo((int) sequence)));
  }

  /** Every site serves the zone, authoritatively and alike, as the real dig sees it. */
  @Test
  @Order(0)
  void shouldAnswerDnsQueriesForTheZoneAtEverySite() throws Exception {
    String home = sites.address("home");
    for (String site : List.of("home", "lux", "emb2")) {
      String server = sites.address(site);
      Dig.Answer a = Dig.query(server, 5353, "land.gov.example", "A");
      assertThat(a.status()).as(a.raw()).isEqualTo("NOERROR");
      assertThat(a.flags()).as(a.raw()).contains("qr", "aa").doesNotContain("ra");
      assertThat(a.data("A")).as(a.raw()).containsExactly(home);
      assertThat(a.answer().get(0)).startsWith("land.gov.example. 5 IN A");

      Dig.Answer tcp = Dig.query(server, 5353, "auth.gov.example", "A", "+tcp");
      assertThat(tcp.data("A")).as(tcp.raw()).containsExactly(home);

      Dig.Answer aaaa = Dig.query(server, 5353, "sign.gov.example", "AAAA");
      assertThat(aaaa.status()).isEqualTo("NOERROR");
      assertThat(aaaa.answer()).as(aaaa.raw()).isEmpty();
      assertThat(aaaa.authority()).as(aaaa.raw()).singleElement().asString().contains(" SOA ");

      Dig.Answer soa = Dig.query(server, 5353, "gov.example", "SOA");
      assertThat(soa.data("SOA")).as(soa.raw()).singleElement().asString()
          .startsWith("ns.home.gov.example. hostmaster.gov.example. 1 ");

      Dig.Answer ns = Dig.query(server, 5353, "gov.example", "NS");
      assertThat(ns.data("NS")).as(ns.raw())
          .containsExactlyInAnyOrder("ns.home.gov.example.", "ns.lux.gov.example.", "ns.emb2.gov.example.");
      assertThat(ns.additional()).as(ns.raw()).anySatisfy(r -> assertThat(r).startsWith("ns.lux.gov.example. 5 IN A " + sites.address("lux")));

      Dig.Answer missing = Dig.query(server, 5353, "nothing-here.gov.example", "A");
      assertThat(missing.status()).isEqualTo("NXDOMAIN");
      assertThat(missing.flags()).contains("aa");
      assertThat(missing.authority()).singleElement().asString().contains(" SOA ");

      assertThat(Dig.query(server, 5353, "www.example.org", "A").status()).isEqualTo("REFUSED");

      Dig.Answer edns = Dig.query(server, 5353, "land.gov.example", "A", "+edns=0", "+bufsize=4096");
      assertThat(edns.edns()).as(edns.raw()).isTrue();
      assertThat(edns.raw()).contains("udp: 1232");
      assertThat(Dig.query(server, 5353, "land.gov.example", "A", "+noedns").edns()).isFalse();
    }
  }

  @Test
  @Order(1)
  void shouldReplicateAParcelWrittenAtHomeToBothEmbassies() {
    String id = Parcels.id(1, 1);
    Response created = register("home", id);
    created.then().statusCode(201).header("Location", "/parcels/" + id).body("version", equalTo(1));
    long sequence = created.jsonPath().getLong("sequence");

    Response transferred =
        sites
            .at("home")
            .contentType(ContentType.JSON)
            .body(Parcels.transferToJaan(1))
            .post("/parcels/" + id + "/transfers");
    transferred.then().statusCode(200).body("version", equalTo(2)).body("owners.size()", equalTo(2));
    long transferSequence = transferred.jsonPath().getLong("sequence");
    assertThat(transferSequence).isGreaterThan(sequence); // a checkpoint may lie between them

    for (String embassy : List.of("lux", "emb2")) {
      awaitParcelAt(embassy, id, 2, transferSequence);
      sites
          .at(embassy)
          .get("/parcels/" + id + "/history")
          .then()
          .statusCode(200)
          .body("size()", equalTo(2))
          .body("[0].type", equalTo("ParcelRegistered"))
          .body("[1].type", equalTo("OwnershipTransferred"));
      sites
          .at(embassy)
          .get("/parcels?owner=" + Parcels.JAAN)
          .then()
          .statusCode(200)
          .body("cadastralId", org.hamcrest.Matchers.hasItem(id));
    }
  }

  @Test
  @Order(2)
  void shouldApplyAWriteSentToAStandbyAtHome() {
    String id = Parcels.id(2, 1);
    Response created = register("lux", id);
    created
        .then()
        .statusCode(201)
        .header("Embassy-Forwarded-By", "lux")
        .header("Embassy-Site", "home")
        .body("cadastralId", equalTo(id));
    long sequence = created.jsonPath().getLong("sequence");
    for (String site : List.of("home", "lux", "emb2")) {
      awaitParcelAt(site, id, 1, sequence);
    }
  }

  @Test
  @Order(3)
  void shouldReturnTheOriginalOutcomeForARetryWithTheSameKeyAtAnySite() {
    String id = Parcels.id(3, 1);
    String key = UUID.randomUUID().toString();
    Response first =
        sites.at("home").header("Idempotency-Key", key).contentType(ContentType.JSON)
            .body(Parcels.parcel(id)).post("/parcels");
    first.then().statusCode(201);
    for (String site : List.of("home", "lux", "emb2")) {
      Response retry =
          sites.at(site).header("Idempotency-Key", key).contentType(ContentType.JSON)
              .body(Parcels.parcel(id)).post("/parcels");
      retry
          .then()
          .statusCode(201)
          .header("Idempotent-Replayed", "true")
          .header("Location", "/parcels/" + id)
          .body("sequence", equalTo(first.jsonPath().getInt("sequence")));
    }
    // the same key for another request is refused, and changes nothing
    sites.at("emb2").header("Idempotency-Key", key).contentType(ContentType.JSON)
        .body(Parcels.parcel(Parcels.id(3, 2))).post("/parcels")
        .then().statusCode(422).contentType("application/problem+json")
        .body("code", equalTo("idempotency_key_reused"));
    sites.at("home").get("/parcels/" + Parcels.id(3, 2)).then().statusCode(404);
    // without a key, a second registration of the same parcel is a conflict
    register("home", id).then().statusCode(409).body("code", equalTo("parcel_already_registered"));
  }

  @Test
  @Order(4)
  void shouldKeepWritingWhenOneEmbassyIsKilledAndCatchItUpWhenItReturns() throws Exception {
    sites.kill("emb2");
    List<String> written = new ArrayList<>();
    long lastSequence = 0;
    for (int i = 1; i <= 20; i++) {
      String id = Parcels.id(4, i);
      Response r = registerRetrying("home", id);
      assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
      written.add(id);
      lastSequence = r.jsonPath().getLong("sequence");
    }
    sites.at("home").get("/sites/self").then().body("replication.emb2.state", equalTo("offline"));
    awaitParcelAt("lux", written.get(written.size() - 1), 1, lastSequence);

    sites.start("emb2"); // returns once emb2 reports ready: caught up
    for (String id : written) {
      sites.at("emb2").get("/parcels/" + id).then().statusCode(200);
    }
    // (checkpoints may follow the last write)
    assertThat(sites.at("emb2").get("/sites/self").jsonPath().getLong("journalSequence"))
        .isGreaterThanOrEqualTo(lastSequence);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                sites.at("home").get("/sites/self").then()
                    .body("replication.emb2.state", equalTo("online")));
    // and it receives new writes again
    Response after = register("home", Parcels.id(4, 100));
    after.then().statusCode(201);
    awaitParcelAt("emb2", Parcels.id(4, 100), 1, after.jsonPath().getLong("sequence"));
  }

  @Test
  @Order(5)
  void shouldRefuseWritesWithNoEmbassyAndLoseNothingAcknowledged() throws Exception {
    List<String> acknowledged = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      register("home", Parcels.id(5, i)).then().statusCode(201);
      acknowledged.add(Parcels.id(5, i));
    }
    sites.kill("lux");
    sites.kill("emb2");
    String refusedId = Parcels.id(5, 99);
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              Response r = register("home", refusedId);
              if (r.statusCode() == 201) {
                acknowledged.add(refusedId); // acknowledged while an embassy still held it
              }
              // no embassy to replicate to, and (Raft) no majority to keep home's lease
              r.then().statusCode(503).contentType("application/problem+json")
                  .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                  .body("code", org.hamcrest.Matchers.oneOf("replication_unavailable", "not_active"));
            });
    String refusedAgain = Parcels.id(5, 98);
    register("home", refusedAgain).then().statusCode(503);
    sites.at("home").get("/parcels/" + refusedAgain).then().statusCode(404);

    sites.start("lux", "emb2");
    sites.awaitReady("home"); // home regains the majority and renews its lease: still the active site
    // (in an epoch of its own if a refused write had been sent to an embassy: EMB-JN-041)
    sites.at("home").get("/sites/self").then().body("role", equalTo("ACTIVE")).body("activeSite", equalTo("home"));
    for (String site : List.of("home", "lux", "emb2")) {
      for (String id : acknowledged) {
        sites.at(site).get("/parcels/" + id).then().statusCode(200);
      }
      sites.at(site).get("/parcels/" + refusedAgain).then().statusCode(404);
    }
    register("home", Parcels.id(5, 50)).then().statusCode(201);
  }

  @Test
  @Order(6)
  void shouldServeTheServiceNameWithTheStateCaCertificateToCurl() throws Exception {
    String id = Parcels.id(1, 1);
    Process curl =
        new ProcessBuilder(
                "curl", "-sS", "--fail",
                "--cacert", sites.caCertificate().toString(),
                "--resolve", "land.gov.example:8443:" + sites.address("lux"),
                "https://land.gov.example:8443/parcels/" + id)
            .redirectErrorStream(true)
            .start();
    String out = new String(curl.getInputStream().readAllBytes());
    assertThat(curl.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(curl.exitValue()).as(out).isZero();
    assertThat(out).contains("\"cadastralId\":\"" + id + "\"");
  }

  @Test
  @Order(7)
  void shouldRebuildAProjectionFromTheJournal() throws Exception {
    String id = Parcels.id(1, 1);
    String before = sites.at("home").get("/parcels/" + id + "/history").asString();
    long sequence = sites.at("home").get("/sites/self").jsonPath().getLong("journalSequence");
    sites.federation().rebuild("lux");
    sites.awaitReady("lux");
    // refolded from its own journal: all of it, but for a last entry whose successor has not come
    var lux = sites.at("lux").get("/sites/self").jsonPath();
    assertThat(lux.getLong("storedSequence")).isGreaterThanOrEqualTo(sequence); // checkpoints may have followed
    assertThat(lux.getLong("journalSequence")).isGreaterThanOrEqualTo(sequence - 1);
    assertThat(sites.at("lux").get("/parcels/" + id + "/history").asString()).isEqualTo(before);
    sites.at("lux").get("/parcels/" + id).then().statusCode(200).body("version", equalTo(2));
  }

  @Test
  @Order(8)
  void shouldKeepTheActiveSiteAcrossARestartOfTheWholeFederation() throws Exception {
    var before = sites.at("home").get("/sites/self").jsonPath();
    assertThat(before.getString("role")).isEqualTo("ACTIVE");
    long epoch = before.getLong("epoch");
    sites.federation().stopAll(); // ./embassy down
    sites.startAll(); // ./embassy up: the Raft log is replayed at every site; no site's silence counts from it
    for (String site : List.of("home", "lux", "emb2")) {
      var self = sites.at(site).get("/sites/self").jsonPath();
      assertThat(self.getString("activeSite")).as("active site seen at %s", site).isEqualTo("home");
      assertThat(self.getLong("epoch")).as("epoch at %s", site).isEqualTo(epoch);
    }
    registerRetrying("home", Parcels.id(8, 1)).then().statusCode(201);
  }

  @Test
  @Order(9)
  void shouldBringAStandbyUpToDateWithWhatItMissedBeforeTheWholeFederationRestarted() throws Exception {
    // lux is down while home writes (emb2 confirms); then everything restarts: the active site that
    // knew lux had missed the write is gone, so after the restart it must push to every site once
    assertThat(sites.federation().stop("lux")).isTrue();
    String missed = Parcels.id(9, 1);
    registerRetrying("home", missed).then().statusCode(201);
    sites.federation().stopAll();
    // lux first (alone it can promote no one): when home's replication starts, lux is already in
    // its site view, so nothing there says lux missed anything
    sites.startUntilLogged("lux", "EMB-RP-001");
    sites.startAll(); // lux must report ready: holding everything the active site had
    sites.at("lux").get("/sites/self").then().body("activeSite", equalTo("home"));
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(
        () -> sites.at("lux").get("/parcels/" + missed).then().statusCode(200));
  }
}
