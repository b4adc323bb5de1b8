package org.dataembassy.failover;

import org.dataembassy.runtime.rest.ProblemType;

/** The operator API's problems. */
public enum FailoverProblem implements ProblemType {
  UNKNOWN_SITE(422, "No such site in the federation"),
  ALREADY_ACTIVE(409, "The site is already the active site"),
  SITE_DOWN(409, "The target site is not connected to the control plane"),
  TARGET_BEHIND(409, "The target site did not catch up in time"),
  SWITCHOVER_IN_PROGRESS(409, "Another switchover is in progress"),
  NOT_THE_ACTIVE_SITE(409, "Send this to the active site"),
  NOT_COMMITTED(503, "The control plane could not commit the change"),
  FORCE_REQUIRED(422, "A forced promotion must be confirmed with \"force\": true"),
  MAJORITY_AVAILABLE(409, "A majority of the control plane is connected: use a planned switchover"),
  APPLIER_HALTED(409, "This site's journal applier has halted: it cannot take over"),
  VOTE_REFUSED(409, "This site does not agree to the proposed change of active site"),
  NO_AGREEMENT(503, "A majority of the sites did not agree to the change of active site"),
  ORDER_REFUSED(403, "The operator's signed order does not make this site active");

  private final int status;
  private final String title;

  FailoverProblem(int status, String title) {
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
