package org.dataembassy.services.signatures.rest;

import jakarta.enterprise.context.ApplicationScoped;
import org.dataembassy.runtime.rest.ProblemException;
import org.dataembassy.runtime.rest.CommonProblem;

/** Refuses request bodies larger than an endpoint can need (413), before any parsing. */
@ApplicationScoped
public class BodyLimits {

  public void check(byte[] body, int maxBytes) {
    if (body != null && body.length > maxBytes) {
      throw new ProblemException(
          CommonProblem.REQUEST_TOO_LARGE, "This endpoint takes at most " + maxBytes + " bytes.");
    }
  }
}
