package org.dataembassy.site.landregister;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dataembassy.site.TestCitizens.as;
import static org.dataembassy.site.TestCitizens.asOperator;
import static org.dataembassy.site.TestCitizens.enrol;
import static org.dataembassy.site.TestCitizens.login;
import static org.dataembassy.site.TestCitizens.newPersonalCode;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.dataembassy.site.SiteCertificates;
import org.dataembassy.site.TestCitizens.Citizen;
import org.junit.jupiter.api.Test;

/**
 * Co-owners: a transfer that shrinks another owner's share waits for that owner's consent; a
 * mortgage takes the owner of the whole parcel or a notary; a discharge takes the creditor; every
 * change records who decided it.
 */
@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class TransferConsentTest {

  static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("%05d:%03d:%04d", r.nextInt(100000), r.nextInt(1000), r.nextInt(10000));
  }

  static Map<String, Object> owner(Citizen c, String share) {
    return Map.of("personalCode", c.personalCode(), "name", "Owner " + c.personalCode().substring(7), "share", share);
  }

  static String coOwned(Citizen a, Citizen b) {
    String id = newId();
    asOperator().contentType(ContentType.JSON)
        .body(Map.of("cadastralId", id, "address", "Pärna 1, Tartu", "areaM2", 800, "purpose", "residential",
            "owners", List.of(owner(a, "1/2"), owner(b, "1/2"))))
        .post("/parcels").then().statusCode(201);
    return id;
  }

  static Response transfer(String session, String id, long version, List<Map<String, Object>> owners) {
    return as(session).contentType(ContentType.JSON).body(Map.of("expectedVersion", version, "owners", owners))
        .post("/parcels/" + id + "/transfers");
  }

  @Test
  void shouldWaitForEveryOwnerWhoseShareShrinksBeforeTransferring() {
    Citizen anna = enrol(newPersonalCode(), "Anna Aas");
    Citizen bert = enrol(newPersonalCode(), "Bert Bass");
    Citizen carl = enrol(newPersonalCode(), "Carl Cedar");
    String id = coOwned(anna, bert);
    String annas = login(anna);
    String berts = login(bert);
    String carls = login(carl);

    // Anna (1/2) sells the whole parcel to Carl: proposed, not applied
    Response proposed = transfer(annas, id, 1, List.of(owner(carl, "1/1")));
    proposed.then().statusCode(202)
        .body("awaiting", contains(bert.personalCode()))
        .body("consented", contains(anna.personalCode()));
    long transferId = proposed.jsonPath().getLong("transferId");
    assertThat(proposed.header("Location")).isEqualTo("/parcels/" + id + "/transfers/" + transferId);
    asOperator().get("/parcels/" + id).then().statusCode(200).body("version", equalTo(1))
        .body("owners.personalCode", contains(anna.personalCode(), bert.personalCode()));

    String consents = "/parcels/" + id + "/transfers/" + transferId + "/consents";
    as(carls).post(consents).then().statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"));
    as(annas).post(consents).then().statusCode(409).body("code", equalTo("consent_not_needed"));
    given().get("/parcels/" + id + "/transfers/" + transferId).then().statusCode(401);
    as(carls).get("/parcels/" + id + "/transfers/" + transferId).then().statusCode(403);
    as(berts).get("/parcels/" + id + "/transfers/" + transferId).then().statusCode(200)
        .body("awaiting", contains(bert.personalCode()));

    // Bert consents: the transfer applies
    as(berts).post(consents).then().statusCode(200)
        .body("version", equalTo(2)).body("owners.personalCode", contains(carl.personalCode()));
    as(berts).post(consents).then().statusCode(404).body("code", equalTo("transfer_not_found"));
    asOperator().get("/parcels/" + id + "/history").then().statusCode(200)
        .body("type", contains("ParcelRegistered", "TransferProposed", "OwnershipTransferred"))
        .body("[2].change.consentedBy", contains(anna.personalCode(), bert.personalCode()))
        .body("[2].change.transferId", equalTo((int) transferId));
  }

  @Test
  void shouldLetAnOwnerGiveAwayTheirOwnShareAloneAndANotaryActForAll() {
    Citizen anna = enrol(newPersonalCode(), "Anna Aas");
    Citizen bert = enrol(newPersonalCode(), "Bert Bass");
    Citizen dora = enrol(newPersonalCode(), "Dora Dell");
    Citizen nora = enrol(newPersonalCode(), "Nora Notar", "notary");
    String id = coOwned(anna, bert);

    // Anna's half to Dora, Bert keeps his: nobody else's share shrinks
    transfer(login(anna), id, 1, List.of(owner(dora, "1/2"), owner(bert, "1/2"))).then().statusCode(200)
        .body("owners.personalCode", contains(dora.personalCode(), bert.personalCode()));
    // Dora cannot take Bert's half alone; a notary, acting for the owners, can — and is recorded
    transfer(login(dora), id, 2, List.of(owner(dora, "1/1"))).then().statusCode(202);
    String notary = login(nora);
    transfer(notary, id, 2, List.of(owner(dora, "1/1"))).then().statusCode(200).body("version", equalTo(3));
    asOperator().get("/parcels/" + id + "/history").then()
        .body("[-1].change.decidedBy.role", equalTo("notary"))
        .body("[-1].change.decidedBy.personalCode", equalTo(nora.personalCode()));
  }

  @Test
  void shouldTakeTheWholeOwnerForAMortgageAndTheCreditorForItsDischarge() {
    Citizen anna = enrol(newPersonalCode(), "Anna Aas");
    Citizen bert = enrol(newPersonalCode(), "Bert Bass");
    Citizen lender = enrol(newPersonalCode(), "Leo Laenaja");
    Citizen nora = enrol(newPersonalCode(), "Nora Notar", "notary");
    String id = coOwned(anna, bert);
    Map<String, Object> mortgage =
        Map.of("creditor", "Leo Laenaja", "amount", "5000.00", "currency", "EUR", "creditorPersonalCode", lender.personalCode());

    as(login(anna)).contentType(ContentType.JSON).body(mortgage).post("/parcels/" + id + "/mortgages")
        .then().statusCode(403).body("code", equalTo("forbidden"));
    Response registered = as(login(nora)).contentType(ContentType.JSON).body(mortgage).post("/parcels/" + id + "/mortgages");
    registered.then().statusCode(201);
    long mortgageId = registered.jsonPath().getLong("mortgages[0].id");

    as(login(bert)).delete("/parcels/" + id + "/mortgages/" + mortgageId).then().statusCode(403);
    as(login(lender)).delete("/parcels/" + id + "/mortgages/" + mortgageId).then().statusCode(200)
        .body("mortgages.size()", equalTo(0));
    asOperator().get("/parcels/" + id + "/history").then()
        .body("type", hasItem("MortgageDischarged"))
        .body("[-1].change.decidedBy.role", equalTo("creditor"));
  }
}
