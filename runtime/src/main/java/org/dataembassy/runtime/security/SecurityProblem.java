package org.dataembassy.runtime.security;

import org.dataembassy.runtime.rest.ProblemType;

/** Who may call what: the problems every API answers when a caller is not allowed. */
public enum SecurityProblem implements ProblemType {
  UNAUTHENTICATED(401, "Authentication is required"),
  SESSION_EXPIRED(401, "The session has ended"),
  FORBIDDEN(403, "The caller may not do this"),
  /** An operator endpoint asked for on the service port. */
  MANAGEMENT_PORT(404, "Served on the management port"),
  /** Anything but an operator endpoint asked for on the management port. */
  NOT_MANAGEMENT(404, "Not a management endpoint");

  private final int status;
  private final String title;

  SecurityProblem(int status, String title) {
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
