package org.dataembassy.services.eid;

import org.dataembassy.runtime.rest.ProblemType;

/** The eID certificate register's problems (RFC 9457 {@code code} values). */
public enum EidProblem implements ProblemType {
  INVALID_PUBLIC_KEY(422, "The public key is not a PEM ECDSA P-256 public key"),
  INVALID_NAME(422, "The name is not acceptable in a certificate"),
  INVALID_ROLE(422, "Unknown role"),
  INVALID_SERIAL(422, "The serial number is not hexadecimal"),
  INVALID_REASON(422, "Unknown revocation reason"),
  CERTIFICATE_NOT_FOUND(404, "No certificate with this serial number"),
  NO_VALID_CERTIFICATE(404, "The person holds no valid certificate"),
  ALREADY_REVOKED(409, "The certificate is already revoked");

  private final int status;
  private final String title;

  EidProblem(int status, String title) {
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
