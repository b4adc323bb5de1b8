package org.dataembassy.site.landregister;

import static org.dataembassy.site.TestCitizens.as;
import static org.dataembassy.site.TestCitizens.enrol;
import static org.dataembassy.site.TestCitizens.login;
import static org.dataembassy.site.TestCitizens.newPersonalCode;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.dataembassy.site.SiteCertificates;
import org.dataembassy.site.TestCitizens.Citizen;
import org.junit.jupiter.api.Test;

/** A proposed transfer not consented to within the window is void. */
@QuarkusTest
@TestProfile(TransferConsentExpiryTest.ShortWindow.class)
@QuarkusTestResource(SiteCertificates.class)
class TransferConsentExpiryTest {

  public static final class ShortWindow implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("embassy.land-register.transfer-consent-window", "PT1S");
    }
  }

  @Test
  void shouldRefuseAConsentAfterTheWindow() throws Exception {
    Citizen anna = enrol(newPersonalCode(), "Anna Aas");
    Citizen bert = enrol(newPersonalCode(), "Bert Bass");
    Citizen carl = enrol(newPersonalCode(), "Carl Cedar");
    String id = TransferConsentTest.coOwned(anna, bert);
    long transferId = TransferConsentTest.transfer(login(anna), id, 1, List.of(TransferConsentTest.owner(carl, "1/1")))
        .then().statusCode(202).extract().jsonPath().getLong("transferId");
    Thread.sleep(1_500);
    as(login(bert)).post("/parcels/" + id + "/transfers/" + transferId + "/consents")
        .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("transfer_expired"));
  }
}
