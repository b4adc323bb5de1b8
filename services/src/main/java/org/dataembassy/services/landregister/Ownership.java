package org.dataembassy.services.landregister;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dataembassy.runtime.rest.ProblemException;

/** A complete set of owners of a parcel: each person once, shares adding up to exactly 1. */
public record Ownership(List<Owner> owners) {

  public Ownership {
    if (owners == null || owners.isEmpty()) {
      throw new ProblemException(
          LandRegisterProblem.SHARES_DO_NOT_ADD_UP, "A parcel has at least one owner.");
    }
    Set<String> seen = new HashSet<>();
    Share total = Share.ZERO;
    for (Owner owner : owners) {
      if (!seen.add(owner.personalCode().value())) {
        throw new ProblemException(
            LandRegisterProblem.DUPLICATE_OWNER, "Each person may be listed once among the owners.");
      }
      total = total.plus(owner.share());
    }
    if (!total.equals(Share.ONE)) {
      throw new ProblemException(
          LandRegisterProblem.SHARES_DO_NOT_ADD_UP,
          "The owners' shares add up to " + total + ", not 1.");
    }
    owners = List.copyOf(owners);
  }
}
