package org.dataembassy.failover.rest;


import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.Context;
import io.vertx.core.http.HttpServerRequest;
import org.dataembassy.runtime.security.OperatorIdentity;
import org.dataembassy.runtime.security.Operators;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.dataembassy.failover.FailoverProblem;
import org.dataembassy.failover.agreement.OperatorOrder;
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
  @Inject Operators operators;

  /**
   * Request body: the explicit confirmation and why (kept in the replicated history, with the
   * operator certificate's subject; a typed {@code operator} name is no longer used).
   */
  public record ForcedPromotionRequest(Boolean force, String operator, String reason, OperatorOrder order) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public ForcedPromotionService.Outcome promote(
      ForcedPromotionRequest request, @Context HttpServerRequest http) {
    OperatorIdentity who = operators.require(http);
    if (request == null || !Boolean.TRUE.equals(request.force())) {
      throw new ProblemException(
          FailoverProblem.FORCE_REQUIRED, "Send {\"force\":true,\"reason\":\"...\"} to confirm; nothing changed.");
    }
    if (request.reason() == null || request.reason().isBlank() || request.reason().length() > 500) {
      throw new ProblemException(CommonProblem.VALIDATION_FAILED, "Give a reason (at most 500 characters): it is kept in the audit history.");
    }
    String operator = who.subject();
    AUDIT.warnf("EMB-AU-010 forced promotion requested by %s: %s", operator, request.reason());
    if (request.order() == null || !request.reason().equals(request.order().reason())) {
      throw new ProblemException(
          FailoverProblem.ORDER_REFUSED,
          "Send the operator's signed order for this reason (./embassy promote SITE --force signs it); nothing changed.");
    }
    ForcedPromotionService.Outcome outcome = service.force(operator, request.reason(), request.order());
    AUDIT.warnf(
        "EMB-AU-011 forced promotion done: %s active in epoch %d, control-plane generation %d (by %s)",
        outcome.site(), outcome.epoch(), outcome.generation(), operator);
    return outcome;
  }
}
