package org.dataembassy.site.landregister;

import static io.restassured.RestAssured.given;
import static org.dataembassy.site.TestCitizens.as;
import static org.dataembassy.site.TestCitizens.asOperator;
import static org.dataembassy.site.TestCitizens.enrol;
import static org.dataembassy.site.TestCitizens.login;
import static org.dataembassy.site.TestCitizens.newPersonalCode;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.dataembassy.site.SiteCertificates;
import org.dataembassy.site.TestCitizens.Citizen;
import org.junit.jupiter.api.Test;

/** Who may change the land register and read a person's parcels. */
@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class ParcelAccessResourceTest {

  private static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("%05d:%03d:%04d", r.nextInt(100000), r.nextInt(1000), r.nextInt(10000));
  }

  private static Map<String, Object> parcel(String id, Citizen owner) {
    return Map.of(
        "cadastralId", id,
        "address", "Kuuse 3, Tartu",
        "areaM2", 900,
        "purpose", "residential",
        "owners", List.of(Map.of("personalCode", owner.personalCode(), "name", "Owner", "share", "1/1")));
  }

  private static Map<String, Object> transferTo(Citizen buyer, int expectedVersion) {
    return Map.of(
        "expectedVersion", expectedVersion,
        "owners", List.of(Map.of("personalCode", buyer.personalCode(), "name", "Buyer", "share", "1/1")));
  }

  @Test
  void shouldLetANotaryRegisterAndOnlyTheCurrentOwnerTransfer() {
    Citizen notary = enrol(newPersonalCode(), "Nora Notar", "notary");
    Citizen seller = enrol(newPersonalCode(), "Siim Seller");
    Citizen buyer = enrol(newPersonalCode(), "Birgit Buyer");
    String id = newId();

    given().contentType(ContentType.JSON).body(parcel(id, seller)).post("/parcels")
        .then().statusCode(401).body("code", equalTo("unauthenticated"));
    String sellerSession = login(seller);
    as(sellerSession).contentType(ContentType.JSON).body(parcel(id, seller)).post("/parcels")
        .then().statusCode(403).body("code", equalTo("forbidden"));
    as(login(notary)).contentType(ContentType.JSON).body(parcel(id, seller)).post("/parcels")
        .then().statusCode(201);

    String buyerSession = login(buyer);
    as(buyerSession).contentType(ContentType.JSON).body(transferTo(buyer, 1))
        .post("/parcels/" + id + "/transfers").then().statusCode(403).body("code", equalTo("forbidden"));
    as(sellerSession).contentType(ContentType.JSON).body(transferTo(buyer, 1))
        .post("/parcels/" + id + "/transfers").then().statusCode(200).body("version", equalTo(2));
    // the seller owns it no more
    as(sellerSession).contentType(ContentType.JSON).body(transferTo(seller, 2))
        .post("/parcels/" + id + "/transfers").then().statusCode(403);
    as(buyerSession).contentType(ContentType.JSON)
        .body(Map.of("creditor", "Bank", "amount", "1000.00", "currency", "EUR"))
        .post("/parcels/" + id + "/mortgages").then().statusCode(201);
  }

  @Test
  void shouldShowAPersonsParcelsToThatPersonOnly() {
    Citizen owner = enrol(newPersonalCode(), "Olev Owner");
    Citizen stranger = enrol(newPersonalCode(), "Silvia Stranger");
    String id = newId();
    asOperator().contentType(ContentType.JSON).body(parcel(id, owner)).post("/parcels").then().statusCode(201);

    as(login(owner)).queryParam("owner", owner.personalCode()).get("/parcels").then().statusCode(200)
        .body("cadastralId", equalTo(List.of(id)));
    as(login(stranger)).queryParam("owner", owner.personalCode()).get("/parcels").then().statusCode(403);
    given().queryParam("owner", owner.personalCode()).get("/parcels").then().statusCode(401);
    asOperator().queryParam("owner", owner.personalCode()).get("/parcels").then().statusCode(200);
    // a single parcel stays public, as the land register is
    given().get("/parcels/" + id).then().statusCode(200);
  }

  /**
   * A public land register shows who owns a parcel, never their personal codes: anonymous readers
   * and other citizens see names and shares; a current owner, a notary and an operator see codes.
   */
  @Test
  void shouldShowPersonalCodesOnlyToTheOwnerANotaryOrAnOperator() {
    Citizen owner = enrol(newPersonalCode(), "Omanik Oja");
    Citizen stranger = enrol(newPersonalCode(), "Voöras Vaatleja");
    Citizen notary = enrol(newPersonalCode(), "Nele Notar", "notary");
    String id = newId();
    asOperator().contentType(ContentType.JSON).body(parcel(id, owner)).post("/parcels").then().statusCode(201);

    for (var reader : List.of(given(), as(login(stranger)))) {
      String parcel = reader.get("/parcels/" + id).then().statusCode(200)
          .body("owners[0].name", equalTo("Owner")).body("owners[0].share", equalTo("1/1"))
          .body("owners[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("personalCode")))
          .extract().asString();
      org.assertj.core.api.Assertions.assertThat(parcel).doesNotContain(owner.personalCode());
    }
    String history = given().get("/parcels/" + id + "/history").then().statusCode(200)
        .body("[0].change.owners[0].name", equalTo("Owner")).extract().asString();
    org.assertj.core.api.Assertions.assertThat(history).doesNotContain(owner.personalCode());

    for (var reader : List.of(as(login(owner)), as(login(notary)), asOperator())) {
      reader.get("/parcels/" + id).then().statusCode(200).body("owners[0].personalCode", equalTo(owner.personalCode()));
      org.assertj.core.api.Assertions.assertThat(reader.get("/parcels/" + id + "/history").asString()).contains(owner.personalCode());
    }
  }
}
