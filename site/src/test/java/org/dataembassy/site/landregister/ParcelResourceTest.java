package org.dataembassy.site.landregister;

import static org.dataembassy.site.TestCitizens.asOperator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.dataembassy.site.SiteCertificates;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class ParcelResourceTest {

  private static final String MARI = "38001010009";
  private static final String JAAN = "49403136526";
  private static final String PROBLEM = "application/problem+json";

  /** A fresh cadastral id: the test database outlives a single run. */
  private static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("%05d:%03d:%04d", r.nextInt(100000), r.nextInt(1000), r.nextInt(10000));
  }

  private static Map<String, Object> owner(String code, String name, String share) {
    return Map.of("personalCode", code, "name", name, "share", share);
  }

  private static Map<String, Object> parcel(String id, List<Map<String, Object>> owners) {
    return Map.of(
        "cadastralId", id,
        "address", "Tamme 5, Tartu",
        "areaM2", 1200,
        "purpose", "residential",
        "owners", owners);
  }

  private static Response register(String id) {
    return asOperator()
        .contentType(ContentType.JSON)
        .body(parcel(id, List.of(owner(MARI, "Mari Maasikas", "1/1"))))
        .post("/parcels");
  }

  @Test
  void shouldRegisterAParcelAndReturnItWithVersionAndSequence() {
    String id = newId();
    register(id)
        .then()
        .statusCode(201)
        .header("Location", "/parcels/" + id)
        .body("cadastralId", equalTo(id))
        .body("address", equalTo("Tamme 5, Tartu"))
        .body("areaM2", equalTo(1200))
        .body("owners[0].personalCode", equalTo(MARI))
        .body("owners[0].share", equalTo("1/1"))
        .body("version", equalTo(1))
        .body("sequence", notNullValue());
    asOperator().get("/parcels/" + id).then().statusCode(200).body("version", equalTo(1));
  }

  @Test
  void shouldTransferOwnershipAndRejectAStaleVersion() {
    String id = newId();
    long registered = register(id).then().statusCode(201).extract().jsonPath().getLong("sequence");
    Map<String, Object> transfer =
        Map.of(
            "expectedVersion", 1,
            "owners", List.of(owner(MARI, "Mari Maasikas", "2/3"), owner(JAAN, "Jaan Tamm", "1/3")));
    asOperator().contentType(ContentType.JSON).body(transfer).post("/parcels/" + id + "/transfers")
        .then()
        .statusCode(200)
        .body("version", equalTo(2))
        // a later entry; not necessarily the next one: an idle checkpoint may come between
        .body("sequence", greaterThan((int) registered))
        .body("owners.share", contains("2/3", "1/3"));
    asOperator().contentType(ContentType.JSON).body(transfer).post("/parcels/" + id + "/transfers")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("code", equalTo("version_conflict"))
        .body("status", equalTo(409));
    asOperator().get("/parcels/" + id).then().body("version", equalTo(2));
    asOperator().queryParam("owner", JAAN).get("/parcels").then().statusCode(200)
        .body("cadastralId", hasItem(id));
  }

  @Test
  void shouldRegisterAndDischargeMortgagesAndKeepTheHistoryInOrder() {
    String id = newId();
    register(id).then().statusCode(201);
    Response mortgaged =
        asOperator().contentType(ContentType.JSON)
            .body(Map.of("creditor", "Swedbank AS", "amount", 150000.00, "currency", "EUR"))
            .post("/parcels/" + id + "/mortgages");
    mortgaged.then().statusCode(201).body("mortgages[0].creditor", equalTo("Swedbank AS"))
        .body("version", equalTo(2));
    long mortgageId = mortgaged.jsonPath().getLong("mortgages[0].id");
    mortgaged.then().header("Location", "/parcels/" + id + "/mortgages/" + mortgageId);

    asOperator().delete("/parcels/" + id + "/mortgages/" + mortgageId)
        .then().statusCode(200).body("mortgages.size()", equalTo(0)).body("version", equalTo(3));
    asOperator().delete("/parcels/" + id + "/mortgages/" + mortgageId)
        .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("mortgage_not_found"));
    asOperator().get("/parcels/" + id + "/history").then().statusCode(200)
        .body("type", contains("ParcelRegistered", "MortgageRegistered", "MortgageDischarged"));
  }

  @Test
  void shouldReplayTheOriginalOutcomeForTheSameIdempotencyKey() {
    String id = newId();
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = parcel(id, List.of(owner(MARI, "Mari Maasikas", "1/1")));
    Response first = asOperator().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/parcels");
    first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
    asOperator().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/parcels")
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("sequence", equalTo(first.jsonPath().getInt("sequence")));
    asOperator().get("/parcels/" + id + "/history").then().body("size()", equalTo(1));
    asOperator().header("Idempotency-Key", key).contentType(ContentType.JSON)
        .body(parcel(newId(), List.of(owner(MARI, "Mari Maasikas", "1/1")))).post("/parcels")
        .then().statusCode(422).body("code", equalTo("idempotency_key_reused"));
  }

  @Test
  void shouldRejectMalformedJson() {
    asOperator().contentType(ContentType.JSON).body("{\"cadastralId\": ").post("/parcels")
        .then().statusCode(400).contentType(PROBLEM)
        .body("code", equalTo("malformed_json"))
        .body("type", notNullValue()).body("title", notNullValue()).body("detail", notNullValue());
  }

  @Test
  void shouldRejectUnknownFieldsAndChangeNothing() {
    String id = newId();
    Map<String, Object> body = new java.util.HashMap<>(parcel(id, List.of(owner(MARI, "Mari", "1/1"))));
    body.put("price", 1);
    asOperator().contentType(ContentType.JSON).body(body).post("/parcels")
        .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("unknown_field"));
    asOperator().get("/parcels/" + id).then().statusCode(404);
  }

  @Test
  void shouldRejectSharesThatDoNotAddUpToOne() {
    String id = newId();
    asOperator().contentType(ContentType.JSON)
        .body(parcel(id, List.of(owner(MARI, "Mari", "1/2"), owner(JAAN, "Jaan", "1/3"))))
        .post("/parcels")
        .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("shares_do_not_add_up"));
    asOperator().get("/parcels/" + id).then().statusCode(404).body("code", equalTo("parcel_not_found"));
  }

  @Test
  void shouldRejectABadPersonalCodeChecksumWithoutEchoingIt() {
    asOperator().contentType(ContentType.JSON)
        .body(parcel(newId(), List.of(owner("38001010008", "Mari", "1/1"))))
        .post("/parcels")
        .then().statusCode(422).contentType(PROBLEM)
        .body("code", equalTo("invalid_personal_code"))
        .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("38001010008")));
  }

  @Test
  void shouldRejectADuplicateCadastralId() {
    String id = newId();
    register(id).then().statusCode(201);
    register(id).then().statusCode(409).contentType(PROBLEM).body("code", equalTo("parcel_already_registered"));
  }

  @Test
  void shouldAnswerNotFoundForAnUnknownParcelAndBadIds() {
    asOperator().get("/parcels/" + newId()).then().statusCode(404).contentType(PROBLEM)
        .body("code", equalTo("parcel_not_found"));
    asOperator().get("/parcels/not-an-id").then().statusCode(422).body("code", equalTo("invalid_cadastral_id"));
    asOperator().contentType(ContentType.JSON).body(Map.of("expectedVersion", 1,
            "owners", List.of(owner(MARI, "Mari", "1/1"))))
        .post("/parcels/" + newId() + "/transfers")
        .then().statusCode(404).body("code", equalTo("parcel_not_found"));
  }

  @Test
  void shouldListEveryBadFieldOfAnIncompleteRequest() {
    asOperator().contentType(ContentType.JSON).body(Map.of("cadastralId", newId(), "areaM2", -5))
        .post("/parcels")
        .then().statusCode(422).contentType(PROBLEM)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem("address"))
        .body("errors.field", hasItem("areaM2"))
        .body("errors.field", hasItem("purpose"))
        .body("errors.field", hasItem("owners"));
    asOperator().contentType(ContentType.JSON).body("{\"cadastralId\":\"78401:101:0010\",\"areaM2\":\"big\"}")
        .post("/parcels")
        .then().statusCode(422).body("code", equalTo("validation_failed"))
        .body("errors[0].field", equalTo("areaM2"));
  }

  @Test
  void shouldDescribeTheSiteWithoutPersonalData() {
    asOperator().get("/sites/self").then().statusCode(200)
        .body("site", equalTo("home"))
        .body("role", equalTo("ACTIVE"))
        .body("epoch", equalTo(1));
    asOperator().get("/q/health/ready").then().statusCode(200);
  }
}
