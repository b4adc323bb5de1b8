package org.dataembassy.runtime.crypto;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** RFC 5280 CRLReason values an operator can give when revoking a certificate. */
public enum RevocationReason {
  UNSPECIFIED(0),
  KEY_COMPROMISE(1),
  AFFILIATION_CHANGED(3),
  SUPERSEDED(4),
  CESSATION_OF_OPERATION(5),
  CERTIFICATE_HOLD(6),
  PRIVILEGE_WITHDRAWN(9);

  private final int code;

  RevocationReason(int code) {
    this.code = code;
  }

  /** The CRLReason code. */
  public int code() {
    return code;
  }

  /** The name in APIs and the CLI: {@code key_compromise}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code key_compromise} or {@code key-compromise}; null if unknown. */
  public static RevocationReason parse(String name) {
    if (name == null) {
      return null;
    }
    String normal = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(r -> r.name().equals(normal)).findFirst().orElse(null);
  }

  /** The accepted names, for error messages. */
  public static String names() {
    return Arrays.stream(values()).map(RevocationReason::apiName).collect(Collectors.joining(", "));
  }
}
