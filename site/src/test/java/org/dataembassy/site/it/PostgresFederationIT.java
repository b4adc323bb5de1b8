package org.dataembassy.site.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The core scenario with PostgreSQL projections: each site folds the journal into its own database
 * on a real PostgreSQL server started by the test.
 */
@ExtendWith(SiteLogsOnFailure.class)
class PostgresFederationIT {

  static PostgresServer postgres;
  static FederationHarness sites;

  @BeforeAll
  static void start() throws Exception {
    postgres = PostgresServer.start();
    List<String> properties = new ArrayList<>(List.of("embassy.database.kind=postgresql"));
    for (String site : List.of("home", "lux", "emb2")) {
      postgres.createDatabase("embassy_" + site);
    }
    // one server, a database per site: the URL names the site's database
    properties.add("embassy.database.url=" + postgres.jdbcUrl("embassy_${embassy.site.id}"));
    properties.add("embassy.database.username=" + PostgresServer.USER);
    sites = new FederationHarness("postgres-federation", "127.0.0.41", properties);
    sites.startAll();
  }

  @AfterAll
  static void stop() throws Exception {
    if (sites != null) {
      sites.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void shouldReplicateIntoEachSitesPostgresqlDatabaseAndCatchUpARestartedEmbassy() throws Exception {
    String first = Parcels.id(7, 1);
    Response created =
        sites.at("home").contentType(ContentType.JSON).body(Parcels.parcel(first)).post("/parcels");
    created.then().statusCode(201);
    Response forwarded =
        sites.at("emb2").contentType(ContentType.JSON).body(Parcels.transferToJaan(1))
            .post("/parcels/" + first + "/transfers");
    forwarded.then().statusCode(200).header("Embassy-Forwarded-By", "emb2").body("version", equalTo(2));
    long sequence = forwarded.jsonPath().getLong("sequence");

    sites.kill("lux");
    for (int i = 2; i <= 6; i++) {
      sites.at("home").contentType(ContentType.JSON).body(Parcels.parcel(Parcels.id(7, i)))
          .post("/parcels").then().statusCode(201);
    }
    sites.start("lux");

    for (String site : List.of("home", "lux", "emb2")) {
      await().atMost(Duration.ofSeconds(20)).untilAsserted(
          () -> sites.at(site).get("/parcels/" + first).then().statusCode(200)
              .body("version", equalTo(2)).body("sequence", equalTo((int) sequence)));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(
          () -> assertThat(postgres.query("embassy_" + site,
                  "select count(*) from parcel where cadastral_id like '78401:007:%'"))
              .isEqualTo("6"));
      assertThat(postgres.query("embassy_" + site,
              "select count(*) from ownership where cadastral_id = '" + first + "'"))
          .isEqualTo("2");
    }
    // every table's rows, as the host's database administrator reads them: no name, no code, no address
    for (String site : List.of("home", "lux", "emb2")) {
      String rows = postgres.dumpData("embassy_" + site);
      assertThat(rows).as("embassy_%s", site).contains(first).contains("residential");
      assertThat(rows).as("embassy_%s", site)
          .doesNotContain(Parcels.MARI).doesNotContain(Parcels.JAAN)
          .doesNotContain("Maasikas").doesNotContain("Jaan Tamm").doesNotContain("Tamme 5");
    }
    // ?owner= still finds a person's parcels, by the keyed blind index
    sites.at("lux").queryParam("owner", Parcels.JAAN).get("/parcels")
        .then().statusCode(200).body("cadastralId", org.hamcrest.Matchers.hasItem(first));
  }
}
