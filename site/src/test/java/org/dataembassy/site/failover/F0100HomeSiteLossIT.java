package org.dataembassy.site.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.dataembassy.site.it.Dig;
import org.dataembassy.site.it.FederationHarness;
import org.dataembassy.site.it.Parcels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.dataembassy.site.it.SiteLogsOnFailure;

/**
 * F0100: kill -9 of the home site while a client writes in a loop through a standby's forwarding.
 * An embassy is promoted; every write acknowledged before (and after) the kill is present at every
 * surviving site; new writes succeed.
 */
@ExtendWith(SiteLogsOnFailure.class)
@Tag("failover")
class F0100HomeSiteLossIT {

  @RegisterExtension
  static final FederationHarness sites = FederationHarness.started("f0100", "127.0.0.51");

  static Map<String, Object> parcel(String id) {
    return Parcels.parcel(id);
  }

  @Test
  void shouldPromoteAnEmbassyAndLoseNoAcknowledgedWrite() throws Exception {
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicReference<Instant> killedAt = new AtomicReference<>();
    AtomicReference<Instant> firstWriteAfterKill = new AtomicReference<>();
    Thread client =
        new Thread(
            () -> {
              Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
              for (int n = 0; running.get() && Instant.now().isBefore(deadline); n++) {
                String id = String.format("78401:%03d:%04d", 100 + n / 10_000, n % 10_000);
                Instant sent = Instant.now();
                Response r;
                try {
                  r = sites.at("lux").contentType(ContentType.JSON).body(parcel(id)).post("/parcels");
                } catch (RuntimeException e) {
                  continue; // connection refused while lux switches role: not acknowledged
                }
                if (r.statusCode() == 201) {
                  acknowledged.add(id);
                  // only a write sent after home died counts as the first write of the new active
                  if (killedAt.get() != null
                      && sent.isAfter(killedAt.get())
                      && firstWriteAfterKill.get() == null) {
                    firstWriteAfterKill.set(Instant.now());
                  }
                }
              }
            },
            "f0100-client");
    client.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 30);

    int beforeKill = acknowledged.size();
    long serialBefore = Dig.serial(sites.address("lux"), Dig.PORT, "gov.example");
    Instant killStarted = Instant.now();
    sites.kill("home"); // returns once the process is gone
    killedAt.set(Instant.now()); // writes sent from now on can only reach a new active site

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> firstWriteAfterKill.get() != null);
    await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.size() >= beforeKill + 20);
    running.set(false);
    client.join(30_000);

    Duration rto = Duration.between(killStarted, firstWriteAfterKill.get());
    System.out.printf(
        "F0100: kill -9 of home → first acknowledged write at the new active after %d ms (%d writes acknowledged in all)%n",
        rto.toMillis(), acknowledged.size());

    // the most caught-up embassy is promoted: lux (first by priority) unless emb2 held more of the
    // journal at that moment; the other one stays a standby
    String promoted = sites.at("lux").get("/sites/self").jsonPath().getString("activeSite");
    assertThat(promoted).isIn("lux", "emb2");
    String standby = promoted.equals("lux") ? "emb2" : "lux";
    Response active = sites.at(promoted).get("/sites/self");
    active.then().statusCode(200).body("role", equalTo("ACTIVE")).body("epoch", equalTo(2));
    // DNS follows: both survivors answer the new active site's address, with a higher serial than before the loss
    Dig.awaitEverySiteAnswers(sites, List.of("lux", "emb2"), sites.address(promoted), serialBefore);
    sites.at(standby).get("/sites/self").then().body("role", equalTo("STANDBY")).body("activeSite", equalTo(promoted));

    for (String site : List.of("lux", "emb2")) {
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(sites.at(site).get("/sites/self").jsonPath().getLong("journalSequence"))
                      .isGreaterThanOrEqualTo(acknowledged.size()));
      for (String id : acknowledged) {
        sites.at(site).get("/parcels/" + id).then().statusCode(200);
      }
    }
    // a write sent to the remaining standby is forwarded to the new active site
    sites.at(standby).contentType(ContentType.JSON).body(parcel("78401:999:0001")).post("/parcels")
        .then().statusCode(201).header("Embassy-Forwarded-By", standby).header("Embassy-Site", promoted);
  }
}
