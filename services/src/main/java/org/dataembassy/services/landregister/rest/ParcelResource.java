package org.dataembassy.services.landregister.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.List;
import org.dataembassy.runtime.idempotency.IdempotencyKeys;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;
import org.dataembassy.runtime.rest.RequestBodies;
import org.dataembassy.runtime.rest.WriteResponses;
import org.dataembassy.runtime.security.Caller;
import org.dataembassy.runtime.security.Callers;
import org.dataembassy.services.landregister.LandRegisterProblem;
import org.dataembassy.services.landregister.PendingTransferView;
import org.dataembassy.services.landregister.persistence.ParcelEntity;
import org.dataembassy.services.landregister.service.ParcelAccess;
import org.dataembassy.services.landregister.service.ParcelDisclosure;
import org.dataembassy.services.landregister.CadastralId;
import org.dataembassy.services.landregister.HistoryEntryView;
import org.dataembassy.services.landregister.LandRegisterProblem;
import org.dataembassy.services.landregister.ParcelView;
import org.dataembassy.runtime.identity.PersonalCode;
import org.dataembassy.services.landregister.persistence.ParcelRepository;
import org.dataembassy.services.landregister.rest.ParcelRequests.RegisterMortgage;
import org.dataembassy.services.landregister.rest.ParcelRequests.RegisterParcel;
import org.dataembassy.services.landregister.rest.ParcelRequests.Transfer;
import org.dataembassy.services.landregister.service.LandRegisterService;

/** The land register API ({@code https://land.<zone>:8443/parcels}). */
@Path("/parcels")
@Produces(MediaType.APPLICATION_JSON)
public class ParcelResource {

  @Inject LandRegisterService service;
  @Inject ParcelRepository parcels;
  @Inject Callers callers;
  @Inject ParcelAccess access;
  @Inject ParcelDisclosure disclosure;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response register(
      RegisterParcel body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http,
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
    Caller caller = callers.resolve(authorization, http);
    RegisterParcel req = RequestBodies.required(body);
    String key = IdempotencyKeys.validate(idempotencyKey);
    return WriteResponses.of(service.register(caller, req, key, hash("POST", "/parcels", req)));
  }

  @GET
  public List<ParcelView> byOwner(
      @QueryParam("owner") String owner, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http) {
    Caller caller = callers.resolve(authorization, http);
    if (owner == null) {
      throw new ProblemException(
          CommonProblem.VALIDATION_FAILED, "Give the owner's personal code: /parcels?owner=...");
    }
    PersonalCode code = new PersonalCode(owner);
    access.requireSelfOrRegistrar(caller, code.value());
    return QuarkusTransaction.requiringNew().call(() -> parcels.ownedBy(code.value()));
  }

  /** The parcel; owners' personal codes only for a current owner, a notary or an operator. */
  @GET
  @Path("/{cadastralId}")
  public ParcelView get(
      @PathParam("cadastralId") String cadastralId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http) {
    Caller caller = callers.resolve(authorization, http);
    disclosure.admit(caller, http.remoteAddress().hostAddress());
    CadastralId id = new CadastralId(cadastralId);
    ParcelView parcel = QuarkusTransaction.requiringNew()
        .call(() -> parcels.view(id.value()))
        .orElseThrow(() -> notFound(id));
    return disclosure.forReader(caller, parcel);
  }

  /** The parcel's journal entries; personal codes in them as for {@link #get}. */
  @GET
  @Path("/{cadastralId}/history")
  public List<HistoryEntryView> history(
      @PathParam("cadastralId") String cadastralId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http) {
    Caller caller = callers.resolve(authorization, http);
    disclosure.admit(caller, http.remoteAddress().hostAddress());
    CadastralId id = new CadastralId(cadastralId);
    List<HistoryEntryView> history =
        QuarkusTransaction.requiringNew().call(() -> parcels.history(id.value()));
    if (history.isEmpty()) {
      throw notFound(id);
    }
    ParcelView current = QuarkusTransaction.requiringNew().call(() -> parcels.view(id.value())).orElse(null);
    return disclosure.forReader(caller, current, history);
  }

  @POST
  @Path("/{cadastralId}/transfers")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response transfer(
      @PathParam("cadastralId") String cadastralId,
      Transfer body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http,
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
    Caller caller = callers.resolve(authorization, http);
    Transfer req = RequestBodies.required(body);
    String key = IdempotencyKeys.validate(idempotencyKey);
    return WriteResponses.of(
        service.transfer(
            caller,
            cadastralId, req, key, hash("POST", "/parcels/" + cadastralId + "/transfers", req)));
  }

  /** A pending transfer: for the parcel's current owners, notaries and operators. */
  @GET
  @Path("/{cadastralId}/transfers/{transferId}")
  public PendingTransferView pendingTransfer(
      @PathParam("cadastralId") String cadastralId, @PathParam("transferId") String transferId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http) {
    Caller caller = callers.resolve(authorization, http);
    CadastralId id = new CadastralId(cadastralId);
    long transfer = transferId(transferId);
    return QuarkusTransaction.requiringNew().call(() -> {
      ParcelEntity parcel = parcels.find(id.value()).orElseThrow(() -> notFound(id));
      access.requireOwnerOrRegistrar(caller, parcel);
      return parcels.pendingTransfer(id.value(), transfer).map(ParcelRepository::toView)
          .orElseThrow(() -> new ProblemException(
              LandRegisterProblem.TRANSFER_NOT_FOUND, "Parcel " + id + " has no pending transfer " + transferId + "."));
    });
  }

  /** An affected owner's consent to a pending transfer (no body). */
  @POST
  @Path("/{cadastralId}/transfers/{transferId}/consents")
  public Response consent(
      @PathParam("cadastralId") String cadastralId, @PathParam("transferId") String transferId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http,
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
    Caller caller = callers.resolve(authorization, http);
    long transfer = transferId(transferId);
    String key = IdempotencyKeys.validate(idempotencyKey);
    return WriteResponses.of(service.consent(caller, cadastralId, transfer, key,
        IdempotencyKeys.requestHash("POST", "/parcels/" + cadastralId + "/transfers/" + transferId + "/consents", null)));
  }

  private static long transferId(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ProblemException(LandRegisterProblem.TRANSFER_NOT_FOUND, "Transfer ids are numbers.");
    }
  }

  @POST
  @Path("/{cadastralId}/mortgages")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response mortgage(
      @PathParam("cadastralId") String cadastralId,
      RegisterMortgage body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http,
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
    Caller caller = callers.resolve(authorization, http);
    RegisterMortgage req = RequestBodies.required(body);
    String key = IdempotencyKeys.validate(idempotencyKey);
    return WriteResponses.of(
        service.mortgage(
            caller,
            cadastralId, req, key, hash("POST", "/parcels/" + cadastralId + "/mortgages", req)));
  }

  @DELETE
  @Path("/{cadastralId}/mortgages/{mortgageId}")
  public Response discharge(
      @PathParam("cadastralId") String cadastralId,
      @PathParam("mortgageId") String mortgageId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http,
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
    Caller caller = callers.resolve(authorization, http);
    long id;
    try {
      id = Long.parseLong(mortgageId);
    } catch (NumberFormatException e) {
      throw new ProblemException(
          LandRegisterProblem.MORTGAGE_NOT_FOUND, "Mortgage ids are numbers.");
    }
    String key = IdempotencyKeys.validate(idempotencyKey);
    return WriteResponses.of(
        service.discharge(
            caller,
            cadastralId,
            id,
            key,
            IdempotencyKeys.requestHash(
                "DELETE", "/parcels/" + cadastralId + "/mortgages/" + mortgageId, null)));
  }


  private static String hash(String method, String path, Object body) {
    return IdempotencyKeys.requestHashOfJson(method, path, body);
  }

  private static ProblemException notFound(CadastralId id) {
    return new ProblemException(
        LandRegisterProblem.PARCEL_NOT_FOUND, "No parcel " + id + " is registered.");
  }
}
