package org.dataembassy.site.management;

import static org.dataembassy.site.TestCitizens.asOperator;
import static org.dataembassy.site.TestCitizens.atManagement;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.dataembassy.site.SiteCertificates;
import org.junit.jupiter.api.Test;

/**
 * The drills' audit trail on the management port: an operator records a drill's outcome (a journal
 * entry, with the operator certificate's subject); operators and auditors list them; nothing else
 * records one.
 */
@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class DrillAuditTrailTest {

  private static Map<String, Object> drill(String kind) {
    return Map.of("kind", kind, "subject", "home", "startedAt", "2026-12-08T03:40:58.289Z", "passed", true,
        "firstWriteMs", 1245, "acknowledgedWrites", 47, "lostWrites", 0);
  }

  @Test
  void shouldRecordADrillWithWhoRecordedItAndListItToAnAuditor() {
    atManagement().contentType(ContentType.JSON).header("Idempotency-Key", "drill-test-1").body(drill("loss"))
        .post("/operator/drills")
        .then().statusCode(201).body("kind", equalTo("loss")).body("operator", equalTo("CN=test-operator,OU=Operators,O=GOV"));
    atManagement(SiteCertificates.AUDITOR_DIR).get("/operator/drills").then().statusCode(200)
        .body("kind", hasItem("loss")).body("firstWriteMs", hasItem(1245)).body("site", hasItem("home"));
  }

  @Test
  void shouldRecordNothingFromAnAuditorNorWithABadBodyNorOnTheServicePort() {
    atManagement(SiteCertificates.AUDITOR_DIR).contentType(ContentType.JSON).body(drill("loss")).post("/operator/drills")
        .then().statusCode(403).body("code", equalTo("forbidden"));
    atManagement().contentType(ContentType.JSON).body(drill("fire")).post("/operator/drills")
        .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("validation_failed"));
    atManagement().contentType(ContentType.JSON)
        .body(Map.of("kind", "loss", "subject", "home", "startedAt", "2026-12-08T03:40:58Z", "passed", true,
            "acknowledgedWrites", 1, "lostWrites", 2))
        .post("/operator/drills").then().statusCode(422);
    asOperator().contentType(ContentType.JSON).body(drill("loss")).post("/operator/drills")
        .then().statusCode(404).body("code", equalTo("management_port"));
  }
}
