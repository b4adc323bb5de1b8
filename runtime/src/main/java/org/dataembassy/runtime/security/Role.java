package org.dataembassy.runtime.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Roles a citizen's enrolment can grant, beyond acting for themselves. */
public enum Role {
  /** May register parcels and transfer any parcel, as a notary does for the parties. */
  NOTARY;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String name) {
    return Arrays.stream(values())
        .filter(r -> r.apiName().equals(name == null ? "" : name.trim().toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
