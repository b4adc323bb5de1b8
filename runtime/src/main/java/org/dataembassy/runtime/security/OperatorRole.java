package org.dataembassy.runtime.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What an operator's certificate from the state root allows, named in the certificate itself
 * ({@code urn:embassy:role:<role>} as a subject alternative name): an operator runs the
 * federation; an auditor reads its management endpoints and changes nothing.
 */
public enum OperatorRole {
  OPERATOR,
  AUDITOR;

  public static final String URI_PREFIX = "urn:embassy:role:";

  public String uri() {
    return URI_PREFIX + name().toLowerCase(Locale.ROOT);
  }

  public static Optional<OperatorRole> fromUri(String uri) {
    if (uri == null || !uri.startsWith(URI_PREFIX)) {
      return Optional.empty();
    }
    String name = uri.substring(URI_PREFIX.length());
    for (OperatorRole role : values()) {
      if (role.name().toLowerCase(Locale.ROOT).equals(name)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  /** {@code operator} or {@code auditor} as typed on a command line; empty for anything else. */
  public static Optional<OperatorRole> parse(String name) {
    return fromUri(URI_PREFIX + (name == null ? "" : name.toLowerCase(Locale.ROOT)));
  }
}
