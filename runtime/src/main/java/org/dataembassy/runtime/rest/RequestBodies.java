package org.dataembassy.runtime.rest;

/** Checks shared by every JSON API of a site. */
public final class RequestBodies {

  private RequestBodies() {}

  /** The body, or 400 {@code malformed_json} if the request had none. */
  public static <T> T required(T body) {
    if (body == null) {
      throw new ProblemException(CommonProblem.MALFORMED_JSON, "The request needs a JSON body.");
    }
    return body;
  }
}
