package org.dataembassy.services.landregister.rest;

import java.math.BigDecimal;
import java.util.List;

/** Request bodies of the land register API (unknown fields are rejected). */
public final class ParcelRequests {

  private ParcelRequests() {}

  public record OwnerRequest(String personalCode, String name, String share) {}

  public record RegisterParcel(
      String cadastralId, String address, Long areaM2, String purpose, List<OwnerRequest> owners) {}

  public record Transfer(Long expectedVersion, List<OwnerRequest> owners) {}

  /** {@code creditorPersonalCode}: when the creditor is a person, who may then discharge it. */
  public record RegisterMortgage(String creditor, BigDecimal amount, String currency, String creditorPersonalCode) {}
}
