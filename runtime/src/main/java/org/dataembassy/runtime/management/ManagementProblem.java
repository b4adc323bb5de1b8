package org.dataembassy.runtime.management;

import org.dataembassy.runtime.rest.ProblemType;

/** Problems of the split between the service port and the management port. */
public enum ManagementProblem implements ProblemType {
  MANAGEMENT_PORT(404, "Served on the management port"),
  NOT_MANAGEMENT(404, "Not a management endpoint");

  private final int status;
  private final String title;

  ManagementProblem(int status, String title) {
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
