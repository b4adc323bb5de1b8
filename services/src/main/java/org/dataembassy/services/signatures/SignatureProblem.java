package org.dataembassy.services.signatures;

import org.dataembassy.runtime.rest.ProblemType;

/** The signature service's problems (RFC 9457 {@code code} values). */
public enum SignatureProblem implements ProblemType {
  INVALID_DIGEST(422, "The document digest is not hexadecimal of a SHA-2 length"),
  SIGNATURE_INVALID(422, "The signature did not pass validation");

  private final int status;
  private final String title;

  SignatureProblem(int status, String title) {
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
