package org.dataembassy.services.landregister;

import java.math.BigDecimal;
import java.util.List;

/** A parcel as the API returns it. */
public record ParcelView(
    String cadastralId,
    String address,
    long areaM2,
    String purpose,
    List<OwnerView> owners,
    List<MortgageView> mortgages,
    long version,
    long sequence) {

  public record OwnerView(String personalCode, String name, String share) {}

  public record MortgageView(
      long id, String creditor, BigDecimal amount, String currency, long sequence) {}
}
