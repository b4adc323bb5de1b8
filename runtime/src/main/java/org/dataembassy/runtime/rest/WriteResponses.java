package org.dataembassy.runtime.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.dataembassy.runtime.journal.JournalWriter;

/** Turns the outcome of a journaled write into the HTTP response. */
public final class WriteResponses {

  /** Set on a response that repeats the outcome of an earlier request with the same key. */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  private WriteResponses() {}

  public static Response of(JournalWriter.Result result) {
    var outcome = result.outcome();
    Response.ResponseBuilder builder =
        Response.status(outcome.status())
            .type(MediaType.APPLICATION_JSON)
            .entity(outcome.body().toString());
    if (outcome.location() != null) {
      builder.header("Location", outcome.location());
    }
    if (result.replayed()) {
      builder.header(REPLAYED_HEADER, "true");
    }
    return builder.build();
  }
}
