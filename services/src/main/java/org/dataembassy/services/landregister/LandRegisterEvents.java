package org.dataembassy.services.landregister;

import java.math.BigDecimal;
import java.util.List;

/** The land register's journal events: what every site folds into its projection. */
public final class LandRegisterEvents {

  public static final String REGISTER = "landregister";

  private LandRegisterEvents() {}

  /** An owner as journaled: the validated personal code, name and share in lowest terms. */
  public record OwnerData(String personalCode, String name, String share) {
    public static List<OwnerData> of(Ownership ownership) {
      return ownership.owners().stream()
          .map(o -> new OwnerData(o.personalCode().value(), o.name(), o.share().toString()))
          .toList();
    }
  }

  public record ParcelRegistered(
      String cadastralId, String address, long areaM2, String purpose, List<OwnerData> owners) {
    public static final String TYPE = "ParcelRegistered";
  }

  public record OwnershipTransferred(String cadastralId, List<OwnerData> owners) {
    public static final String TYPE = "OwnershipTransferred";
  }

  /** The mortgage's id is the journal sequence of this event. */
  public record MortgageRegistered(
      String cadastralId, String creditor, BigDecimal amount, String currency) {
    public static final String TYPE = "MortgageRegistered";
  }

  public record MortgageDischarged(String cadastralId, long mortgageId) {
    public static final String TYPE = "MortgageDischarged";
  }
}
