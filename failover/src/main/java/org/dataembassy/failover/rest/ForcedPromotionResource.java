package org.dataembassy.failover.rest;

import org.dataembassy.runtime.security.OperatorToken;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.dataembassy.failover.FailoverProblem;
import org.dataembassy.failover.service.ForcedPromotionService;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;
import org.jboss.logging.Logger;

/**
 * Operator API: make <em>this</em> site active when the control plane's majority is lost for good
 * ({@code ./embassy promote SITE --force}). Sent to the site to promote.
 */
@Path("/operator/forced-promotions")
@Produces(MediaType.APPLICATION_JSON)
public class ForcedPromotionResource {

  private static final Logger AUDIT = Logger.getLogger("org.dataembassy.audit");

  @Inject ForcedPromotionService service;
  @Inject OperatorToken token;

  /** Request body: the explicit confirmation, who asks and why (kept in the replicated history). */
  public record ForcedPromotionRequest(Boolean force, String operator, String reason) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public ForcedPromotionService.Outcome promote(
      ForcedPromotionRequest request, @HeaderParam("Authorization") String authorization) {
    token.check(authorization);
    if (request == null || !Boolean.TRUE.equals(request.force())) {
      throw new ProblemException(
          FailoverProblem.FORCE_REQUIRED, "Send {\"force\":true,\"reason\":\"...\"} to confirm; nothing changed.");
    }
    if (request.reason() == null || request.reason().isBlank()) {
      throw new ProblemException(CommonProblem.VALIDATION_FAILED, "Give a reason: it is kept in the audit history.");
    }
    String operator = request.operator() == null ? "operator" : request.operator();
    AUDIT.warnf("EMB-AU-010 forced promotion requested by %s: %s", operator, request.reason());
    ForcedPromotionService.Outcome outcome = service.force(operator, request.reason());
    AUDIT.warnf(
        "EMB-AU-011 forced promotion done: %s active in epoch %d, control-plane generation %d (by %s)",
        outcome.site(), outcome.epoch(), outcome.generation(), operator);
    return outcome;
  }
}
