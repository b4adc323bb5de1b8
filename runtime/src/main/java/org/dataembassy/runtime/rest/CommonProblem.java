package org.dataembassy.runtime.rest;

/** Problems every API of a site can answer with. */
public enum CommonProblem implements ProblemType {
  BAD_REQUEST(400, "The request is not valid"),
  /** A {@code .} or {@code ..} segment, an empty one or a backslash in the request's path. */
  PATH_NOT_NORMALISED(400, "The path is not in its normal form"),
  /** A body larger than the endpoint takes, refused before it is read. */
  REQUEST_TOO_LARGE(413, "The request body is too large"),
  MALFORMED_JSON(400, "The request body is not valid JSON"),
  UNKNOWN_FIELD(400, "The request body has a field this API does not know"),
  VALIDATION_FAILED(422, "The request is not valid"),
  IDEMPOTENCY_KEY_REUSED(422, "The Idempotency-Key was already used for another request"),
  NOT_FOUND(404, "No such resource"),
  /** Too many requests from one client address (with {@code Retry-After}). */
  RATE_LIMITED(429, "Too many requests from this address"),
  METHOD_NOT_ALLOWED(405, "Method not allowed"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  REPLICATION_UNAVAILABLE(503, "Not enough embassies are reachable to replicate the write"),
  NO_ACTIVE_SITE(503, "No site is active to accept the write"),
  ACTIVE_SITE_UNREACHABLE(503, "The active site could not be reached"),
  NOT_ACTIVE(503, "This site does not accept writes"),
  INTERNAL_ERROR(500, "Internal error");

  private final int status;
  private final String title;

  CommonProblem(int status, String title) {
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
