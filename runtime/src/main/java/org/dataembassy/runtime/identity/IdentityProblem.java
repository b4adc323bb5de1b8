package org.dataembassy.runtime.identity;

import org.dataembassy.runtime.rest.ProblemType;

/** Problems with the identifiers of people. */
public enum IdentityProblem implements ProblemType {
  INVALID_PERSONAL_CODE(422, "The personal code is not a valid Estonian personal code");

  private final int status;
  private final String title;

  IdentityProblem(int status, String title) {
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
