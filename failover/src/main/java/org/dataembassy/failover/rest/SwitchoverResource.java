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
import org.dataembassy.failover.service.SwitchoverService;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;
import org.jboss.logging.Logger;

/** Operator API: planned switchover ({@code ./embassy switchover --to SITE}). */
@Path("/operator/switchovers")
@Produces(MediaType.APPLICATION_JSON)
public class SwitchoverResource {

  private static final Logger AUDIT = Logger.getLogger("org.dataembassy.audit");

  @Inject SwitchoverService switchovers;
  @Inject Operators operators;

  /**
   * Request body: the site to make active. ({@code operator}, a typed name, is no longer used: the
   * audit trail records the operator certificate's subject.)
   */
  public record SwitchoverRequest(String to, String operator) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public SwitchoverService.Outcome switchover(
      SwitchoverRequest request, @Context HttpServerRequest http) {
    OperatorIdentity who = operators.require(http);
    if (request == null || request.to() == null || request.to().isBlank()) {
      throw new ProblemException(CommonProblem.VALIDATION_FAILED, "Give the target site: {\"to\":\"lux\"}.");
    }
    String operator = who.subject();
    AUDIT.infof("EMB-AU-001 switchover to %s requested by %s", request.to(), operator);
    SwitchoverService.Outcome outcome = switchovers.switchTo(request.to(), operator);
    AUDIT.infof(
        "EMB-AU-002 switchover %s -> %s done (epoch %d) for %s",
        outcome.from(), outcome.to(), outcome.epoch(), operator);
    return outcome;
  }
}
