package org.dataembassy.site.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import org.dataembassy.site.it.BindServer;
import org.dataembassy.site.it.Dig;
import org.dataembassy.site.it.FederationHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.dataembassy.site.it.SiteLogsOnFailure;

/**
 * F0700: the sites push the service records to an external primary server — a real BIND 9 that
 * accepts RFC 2136 updates signed with the test's TSIG key — and after a kill -9 of home the new
 * active site's address is what BIND answers.
 */
@ExtendWith(SiteLogsOnFailure.class)
@Tag("failover")
class F0700DnsPushIT {

  static BindServer bind;
  static FederationHarness sites;

  @BeforeAll
  static void start() throws Exception {
    bind = BindServer.start("gov.example");
    sites = new FederationHarness("f0700", "127.0.0.91", bind.pushProperties());
    sites.startAll();
  }

  @AfterAll
  static void stop() throws Exception {
    if (sites != null) {
      sites.close();
    }
    if (bind != null) {
      bind.close();
    }
  }

  private static Dig.Answer atBind(String name, String type) throws Exception {
    return Dig.query(bind.address, bind.port, name, type);
  }

  @Test
  void shouldPushTheActiveSiteToBindAndFollowAFailover() throws Exception {
    // home, active from the start, pushed its address (replacing the zone's placeholder record)
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      assertThat(atBind("land.gov.example", "A").data("A")).containsExactly(sites.address("home"));
      assertThat(atBind("auth.gov.example", "A").data("A")).containsExactly(sites.address("home"));
    });
    long serialBefore = Long.parseLong(atBind("gov.example", "SOA").data("SOA").get(0).split(" ")[2]);

    sites.kill("home");
    // the most caught-up embassy is promoted, by priority when they hold the same: lux, unless it
    // did not answer the Raft leader in time (then emb2); BIND must follow whichever it was
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      List<String> marker = atBind("_embassy.gov.example", "TXT").data("TXT");
      assertThat(marker).hasSize(1);
      assertThat(marker.get(0)).isIn("\"active=lux epoch=2\"", "\"active=emb2 epoch=2\"");
      String promoted = marker.get(0).contains("lux") ? "lux" : "emb2";
      for (String service : List.of("land", "auth", "sign")) {
        assertThat(atBind(service + ".gov.example", "A").data("A")).containsExactly(sites.address(promoted));
      }
      sites.at(promoted).get("/sites/self").then().statusCode(200).body("role", equalTo("ACTIVE"));
    });
    long serialAfter = Long.parseLong(atBind("gov.example", "SOA").data("SOA").get(0).split(" ")[2]);
    assertThat(serialAfter).isGreaterThan(serialBefore);
  }
}
