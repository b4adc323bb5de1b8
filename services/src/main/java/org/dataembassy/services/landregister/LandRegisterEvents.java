package org.dataembassy.services.landregister;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.dataembassy.runtime.security.Caller;
import org.dataembassy.runtime.security.Role;

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

  /**
   * Who decided a change: {@code owner}, {@code creditor} or {@code notary} (with their personal
   * code), or {@code operator}. Null in entries journaled before it was recorded.
   */
  public record DecidedBy(String role, String personalCode) {
    public static DecidedBy of(Caller caller) {
      if (caller.isOperator()) {
        return new DecidedBy("operator", null);
      }
      return new DecidedBy(caller.has(Role.NOTARY) ? "notary" : "owner", caller.personalCode());
    }
  }

  public record ParcelRegistered(
      String cadastralId, String address, long areaM2, String purpose, List<OwnerData> owners, DecidedBy decidedBy) {
    public static final String TYPE = "ParcelRegistered";
  }

  /**
   * The new owners. {@code transferId} and {@code consentedBy} when it came from a proposal every
   * owner whose share shrank consented to; null when decided at once.
   */
  public record OwnershipTransferred(
      String cadastralId, List<OwnerData> owners, Long transferId, List<String> consentedBy, DecidedBy decidedBy) {
    public static final String TYPE = "OwnershipTransferred";
  }

  /**
   * A transfer waiting for the consent of every owner whose share it shrinks ({@code needed}):
   * applied once they all consented, before {@code expiresAt}, the parcel still at {@code
   * expectedVersion}. Its id is the journal sequence of this event.
   */
  public record TransferProposed(
      String cadastralId, long expectedVersion, List<OwnerData> owners, List<String> needed,
      List<String> consented, DecidedBy proposedBy, Instant expiresAt) {
    public static final String TYPE = "TransferProposed";
  }

  /** One owner's consent to a proposed transfer (the last one journals OwnershipTransferred instead). */
  public record TransferConsented(String cadastralId, long transferId, String personalCode) {
    public static final String TYPE = "TransferConsented";
  }

  /**
   * The mortgage's id is the journal sequence of this event; {@code creditorPersonalCode} when the
   * creditor is a person with a state eID (who may then discharge it).
   */
  public record MortgageRegistered(
      String cadastralId, String creditor, BigDecimal amount, String currency, String creditorPersonalCode,
      DecidedBy decidedBy) {
    public static final String TYPE = "MortgageRegistered";
  }

  public record MortgageDischarged(String cadastralId, long mortgageId, DecidedBy decidedBy) {
    public static final String TYPE = "MortgageDischarged";
  }
}
