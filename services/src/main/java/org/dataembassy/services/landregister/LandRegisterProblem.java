package org.dataembassy.services.landregister;

import org.dataembassy.runtime.rest.ProblemType;

/** The land register's own problems (RFC 9457 {@code code} values). */
public enum LandRegisterProblem implements ProblemType {
  INVALID_CADASTRAL_ID(422, "The cadastral id is not in NNNNN:NNN:NNNN form"),
  INVALID_SHARE(422, "A share is not a fraction between 0 and 1"),
  SHARES_DO_NOT_ADD_UP(422, "The owners' shares do not add up to 1"),
  DUPLICATE_OWNER(422, "A person is listed twice among the owners"),
  PARCEL_NOT_FOUND(404, "No parcel with this cadastral id"),
  PARCEL_ALREADY_REGISTERED(409, "A parcel with this cadastral id is already registered"),
  VERSION_CONFLICT(409, "The parcel changed since the version the request expected"),
  MORTGAGE_NOT_FOUND(404, "No such mortgage on this parcel"),
  TRANSFER_NOT_FOUND(404, "No such pending transfer of this parcel"),
  TRANSFER_EXPIRED(409, "The transfer was not consented to in time"),
  CONSENT_NOT_NEEDED(409, "This owner's consent is not needed, or was given already");

  private final int status;
  private final String title;

  LandRegisterProblem(int status, String title) {
    this.status = status;
    this.title = title;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String title() {
    return title;
  }
}
