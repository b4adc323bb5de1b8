package org.dataembassy.runtime.rest;

import java.util.List;
import java.util.Map;

/**
 * Thrown to answer a request with an RFC 9457 problem. The detail must never carry personal data,
 * keys or internal class names.
 */
public class ProblemException extends RuntimeException {

  private final ProblemType type;
  private final transient List<Map<String, String>> errors;
  private final Integer retryAfterSeconds;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, List.of(), null);
  }

  public ProblemException(
      ProblemType type, String detail, List<Map<String, String>> errors, Integer retryAfterSeconds) {
    super(detail, null, false, false);
    this.type = type;
    this.errors = errors;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ProblemType type() {
    return type;
  }

  public String detail() {
    return getMessage();
  }

  /** Per-field validation errors ({@code field}, {@code message}), possibly empty. */
  public List<Map<String, String>> errors() {
    return errors;
  }

  /** Seconds for a {@code Retry-After} header, or null. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
