package org.dataembassy.services.auth;

import org.dataembassy.runtime.rest.ProblemType;

/** Login problems (RFC 9457 {@code code} values). Every refused login is a 401 without detail of which check failed beyond its kind. */
public enum AuthProblem implements ProblemType {
  INVALID_CERTIFICATE(401, "The certificate is not a valid eID certificate of the state"),
  CERTIFICATE_REVOKED(401, "The certificate is revoked"),
  CERTIFICATE_EXPIRED(401, "The certificate is not within its validity period"),
  UNKNOWN_CHALLENGE(401, "The challenge is unknown, expired or already used"),
  INVALID_SIGNATURE(401, "The signature over the challenge does not verify"),
  TOO_MANY_FAILURES(429, "Too many failed logins; wait before trying again");

  private final int status;
  private final String title;

  AuthProblem(int status, String title) {
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
