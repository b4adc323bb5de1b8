package org.dataembassy.services.landregister.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;
import org.dataembassy.services.landregister.Owner;
import org.dataembassy.services.landregister.Ownership;
import org.dataembassy.runtime.identity.PersonalCode;
import org.dataembassy.services.landregister.Share;
import org.dataembassy.services.landregister.rest.ParcelRequests.OwnerRequest;

/**
 * Checks the shape of a request (present, sized fields) and reports every bad field at once; the
 * domain types then check what the fields mean (checksums, fractions).
 */
final class RequestValidator {

  static final Set<String> PURPOSES =
      Set.of(
          "residential",
          "commercial",
          "industrial",
          "agricultural",
          "forest",
          "protected",
          "transport",
          "public",
          "other");

  private final List<Map<String, String>> errors = new ArrayList<>();

  RequestValidator text(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      error(field, "is required");
    } else if (value.length() > maxLength) {
      error(field, "is longer than " + maxLength + " characters");
    }
    return this;
  }

  RequestValidator positive(String field, Long value) {
    if (value == null) {
      error(field, "is required");
    } else if (value <= 0) {
      error(field, "must be greater than 0");
    }
    return this;
  }

  RequestValidator atLeast(String field, Long value, long min) {
    if (value == null) {
      error(field, "is required");
    } else if (value < min) {
      error(field, "must be at least " + min);
    }
    return this;
  }

  RequestValidator purpose(String value) {
    if (value == null || !PURPOSES.contains(value)) {
      error("purpose", "must be one of " + PURPOSES.stream().sorted().toList());
    }
    return this;
  }

  RequestValidator amount(String field, BigDecimal value) {
    if (value == null) {
      error(field, "is required");
    } else if (value.signum() <= 0 || value.scale() > 2 || value.precision() - value.scale() > 13) {
      error(field, "must be a positive amount with at most 2 decimals");
    }
    return this;
  }

  RequestValidator currency(String field, String value) {
    if (value == null || !value.matches("[A-Z]{3}")) {
      error(field, "must be an ISO 4217 code such as EUR");
    }
    return this;
  }

  RequestValidator owners(List<OwnerRequest> owners) {
    if (owners == null || owners.isEmpty()) {
      error("owners", "must list at least one owner");
      return this;
    }
    if (owners.size() > 100) {
      error("owners", "lists more than 100 owners");
    }
    for (int i = 0; i < owners.size(); i++) {
      OwnerRequest o = owners.get(i);
      if (o == null) {
        error("owners[" + i + "]", "is required");
        continue;
      }
      if (o.personalCode() == null) {
        error("owners[" + i + "].personalCode", "is required");
      }
      text("owners[" + i + "].name", o.name(), 200);
      if (o.share() == null) {
        error("owners[" + i + "].share", "is required");
      }
    }
    return this;
  }

  /** Throws a {@code validation_failed} problem listing every bad field, if any. */
  void check() {
    if (!errors.isEmpty()) {
      throw new ProblemException(
          CommonProblem.VALIDATION_FAILED,
          errors.size() == 1
              ? "Field " + errors.get(0).get("field") + " " + errors.get(0).get("message") + "."
              : errors.size() + " fields are not valid.",
          List.copyOf(errors),
          null);
    }
  }

  /** The owners as domain values: personal codes and shares checked, shares adding up to 1. */
  static Ownership ownership(List<OwnerRequest> owners) {
    return new Ownership(
        owners.stream()
            .map(
                o ->
                    new Owner(new PersonalCode(o.personalCode()), o.name().strip(), Share.parse(o.share())))
            .toList());
  }

  private void error(String field, String message) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("field", field);
    e.put("message", message);
    errors.add(e);
  }
}
