package org.dataembassy.runtime.rest;

/** Why a site did not take the state root's revocation list it was handed; nothing changed. */
public enum RevocationProblem implements ProblemType {
  NOT_A_REVOCATION_LIST(400, "Not a revocation list signed by the state root"),
  REVOCATION_LIST_OUTDATED(409, "Older than the revocation list in force");

  private final int status;
  private final String title;

  RevocationProblem(int status, String title) {
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
