package org.dataembassy.services.landregister;

import com.fasterxml.jackson.annotation.JsonInclude;
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

  /** An owner; {@code personalCode} is left out for readers who may not see it (ParcelDisclosure). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OwnerView(String personalCode, String name, String share) {}

  public record MortgageView(
      long id, String creditor, BigDecimal amount, String currency, long sequence) {}
}
