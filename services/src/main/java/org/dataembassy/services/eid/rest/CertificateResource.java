package org.dataembassy.services.eid.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.dataembassy.runtime.identity.PersonalCode;
import org.dataembassy.runtime.idempotency.IdempotencyKeys;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;
import org.dataembassy.runtime.rest.RequestBodies;
import org.dataembassy.runtime.rest.WriteResponses;
import org.dataembassy.runtime.security.Caller;
import org.dataembassy.runtime.security.Callers;
import org.dataembassy.runtime.security.Operators;
import io.vertx.core.http.HttpServerRequest;
import org.dataembassy.runtime.security.SecurityProblem;
import org.dataembassy.services.eid.CertificateView;
import org.dataembassy.services.eid.EidProblem;
import org.dataembassy.services.eid.persistence.CertificateRepository;
import org.dataembassy.services.eid.rest.CertificateRequests.Enrol;
import org.dataembassy.services.eid.rest.CertificateRequests.Revoke;
import org.dataembassy.services.eid.rest.CertificateRequests.RevokePerson;
import org.dataembassy.services.eid.service.EidService;

/**
 * The eID certificate register ({@code https://auth.<zone>:8443/certificates}): operators enrol and
 * revoke; a citizen may read their own certificates.
 */
@Path("/certificates")
@Produces(MediaType.APPLICATION_JSON)
public class CertificateResource {

  @Inject EidService service;
  @Inject CertificateRepository certificates;
  @Inject org.dataembassy.runtime.crypto.StatePki pki;
  @Inject Operators operators;
  @Inject Callers callers;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response enrol(
      Enrol body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context HttpServerRequest http,
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
    operators.require(http);
    Enrol req = RequestBodies.required(body);
    String key = IdempotencyKeys.validate(idempotencyKey);
    return WriteResponses.of(
        service.enrol(req, key, IdempotencyKeys.requestHashOfJson("POST", "/certificates", req)));
  }

  @POST
  @Path("/revocations")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response revokePerson(
      RevokePerson body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context HttpServerRequest http,
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
    operators.require(http);
    RevokePerson req = RequestBodies.required(body);
    String key = IdempotencyKeys.validate(idempotencyKey);
    return WriteResponses.of(
        service.revokePerson(
            req.personalCode(),
            req.reason(),
            key,
            IdempotencyKeys.requestHashOfJson("POST", "/certificates/revocations", req)));
  }

  @POST
  @Path("/{serial}/revocation")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response revoke(
      @PathParam("serial") String serial,
      Revoke body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context HttpServerRequest http,
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
    operators.require(http);
    Revoke req = body == null ? new Revoke(null) : body;
    String key = IdempotencyKeys.validate(idempotencyKey);
    return WriteResponses.of(
        service.revoke(
            serial,
            req.reason(),
            key,
            IdempotencyKeys.requestHashOfJson("POST", "/certificates/" + serial + "/revocation", req)));
  }

  @GET
  @Path("/{serial}")
  public CertificateView get(
      @PathParam("serial") String serialText, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http) {
    Caller caller = callers.authenticated(authorization, http);
    String serial = EidService.serial(serialText);
    CertificateView view =
        QuarkusTransaction.requiringNew()
            .call(() -> certificates.find(serial).map(c -> CertificateRepository.toView(c, Instant.now(), pki.issuingCas())))
            .orElseThrow(() -> new ProblemException(EidProblem.CERTIFICATE_NOT_FOUND, "No certificate " + serial + "."));
    if (!caller.isOperator() && !caller.is(view.personalCode())) {
      // the same answer as for a serial that does not exist: the register is not public
      throw new ProblemException(EidProblem.CERTIFICATE_NOT_FOUND, "No certificate " + serial + ".");
    }
    return view;
  }

  @GET
  public List<CertificateView> ofPerson(
      @QueryParam("personalCode") String personalCode,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http) {
    Caller caller = callers.authenticated(authorization, http);
    if (personalCode == null) {
      throw new ProblemException(
          CommonProblem.VALIDATION_FAILED, "Give the personal code: /certificates?personalCode=...");
    }
    PersonalCode code = new PersonalCode(personalCode);
    if (!caller.isOperator() && !caller.is(code.value())) {
      throw new ProblemException(SecurityProblem.FORBIDDEN, "Citizens may list their own certificates only.");
    }
    Instant now = Instant.now();
    return QuarkusTransaction.requiringNew()
        .call(() -> certificates.ofPerson(code.value()).stream().map(c -> CertificateRepository.toView(c, now, pki.issuingCas())).toList());
  }

}
