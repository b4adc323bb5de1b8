package org.dataembassy.runtime.rest;

/**
 * A kind of error an API answers with an RFC 9457 problem. Each module lists its own in an enum;
 * {@link #code()} is the stable snake_case code clients and runbooks rely on.
 */
public interface ProblemType {

  /** Stable snake_case code, e.g. {@code parcel_not_found}: an enum constant's name in lower case. */
  default String code() {
    return ((Enum<?>) this).name().toLowerCase(java.util.Locale.ROOT);
  }

  /** HTTP status. */
  int status();

  /** Short, human-readable summary of the kind of problem. */
  String title();

  /** The RFC 9457 {@code type} URI. */
  default String typeUri() {
    return "https://dataembassy.org/problems/" + code().replace('_', '-');
  }
}
