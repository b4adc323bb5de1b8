package org.dataembassy.services.landregister.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.dataembassy.runtime.journal.JournalWriter;
import org.dataembassy.runtime.journal.PendingEvent;
import org.dataembassy.runtime.journal.WriteCommand;
import org.dataembassy.runtime.rest.ProblemException;
import org.dataembassy.runtime.security.Caller;
import org.dataembassy.services.landregister.CadastralId;
import org.dataembassy.services.landregister.LandRegisterEvents;
import org.dataembassy.services.landregister.LandRegisterEvents.MortgageDischarged;
import org.dataembassy.services.landregister.LandRegisterEvents.MortgageRegistered;
import org.dataembassy.services.landregister.LandRegisterEvents.OwnerData;
import org.dataembassy.services.landregister.LandRegisterEvents.OwnershipTransferred;
import org.dataembassy.services.landregister.LandRegisterEvents.ParcelRegistered;
import org.dataembassy.services.landregister.LandRegisterProblem;
import org.dataembassy.services.landregister.Ownership;
import org.dataembassy.services.landregister.persistence.ParcelEntity;
import org.dataembassy.services.landregister.persistence.ParcelRepository;
import org.dataembassy.services.landregister.rest.ParcelRequests.RegisterMortgage;
import org.dataembassy.services.landregister.rest.ParcelRequests.RegisterParcel;
import org.dataembassy.services.landregister.rest.ParcelRequests.Transfer;

/**
 * The land register's writes: validate the request, decide against the current projection at the
 * active site, and journal the event.
 */
@ApplicationScoped
public class LandRegisterService {

  @Inject JournalWriter writer;
  @Inject ParcelRepository parcels;
  @Inject ParcelAccess access;

  public JournalWriter.Result register(
      Caller caller, RegisterParcel req, String idempotencyKey, String requestHash) {
    access.requireRegistrar(caller);
    new RequestValidator()
        .text("cadastralId", req.cadastralId(), 14)
        .text("address", req.address(), 200)
        .positive("areaM2", req.areaM2())
        .purpose(req.purpose())
        .owners(req.owners())
        .check();
    CadastralId id = new CadastralId(req.cadastralId());
    Ownership ownership = RequestValidator.ownership(req.owners());
    var event =
        new ParcelRegistered(
            id.value(), req.address().strip(), req.areaM2(), req.purpose(), OwnerData.of(ownership));
    return writer.write(
        command(idempotencyKey, requestHash),
        () -> {
          if (parcels.find(id.value()).isPresent()) {
            throw new ProblemException(
                LandRegisterProblem.PARCEL_ALREADY_REGISTERED,
                "Parcel " + id + " is already registered.");
          }
          return new PendingEvent(ParcelRegistered.TYPE, event);
        });
  }

  public JournalWriter.Result transfer(
      Caller caller, String cadastralId, Transfer req, String idempotencyKey, String requestHash) {
    access.requireAuthenticated(caller);
    CadastralId id = new CadastralId(cadastralId);
    new RequestValidator().atLeast("expectedVersion", req.expectedVersion(), 1).owners(req.owners()).check();
    Ownership ownership = RequestValidator.ownership(req.owners());
    return writer.write(
        command(idempotencyKey, requestHash),
        () -> {
          ParcelEntity parcel = existing(id);
          access.requireOwnerOrRegistrar(caller, parcel);
          if (parcel.version != req.expectedVersion()) {
            throw new ProblemException(
                LandRegisterProblem.VERSION_CONFLICT,
                "Parcel "
                    + id
                    + " is at version "
                    + parcel.version
                    + ", not "
                    + req.expectedVersion()
                    + ". Read it again and retry.");
          }
          return new PendingEvent(
              OwnershipTransferred.TYPE,
              new OwnershipTransferred(id.value(), OwnerData.of(ownership)));
        });
  }

  public JournalWriter.Result mortgage(
      Caller caller, String cadastralId, RegisterMortgage req, String idempotencyKey, String requestHash) {
    access.requireAuthenticated(caller);
    CadastralId id = new CadastralId(cadastralId);
    new RequestValidator()
        .text("creditor", req.creditor(), 200)
        .amount("amount", req.amount())
        .currency("currency", req.currency())
        .check();
    return writer.write(
        command(idempotencyKey, requestHash),
        () -> {
          access.requireOwnerOrRegistrar(caller, existing(id));
          return new PendingEvent(
              MortgageRegistered.TYPE,
              new MortgageRegistered(id.value(), req.creditor().strip(), req.amount(), req.currency()));
        });
  }

  public JournalWriter.Result discharge(
      Caller caller, String cadastralId, long mortgageId, String idempotencyKey, String requestHash) {
    access.requireAuthenticated(caller);
    CadastralId id = new CadastralId(cadastralId);
    return writer.write(
        command(idempotencyKey, requestHash),
        () -> {
          ParcelEntity parcel = existing(id);
          access.requireOwnerOrRegistrar(caller, parcel);
          if (parcel.mortgages.stream().noneMatch(m -> m.id == mortgageId)) {
            throw new ProblemException(
                LandRegisterProblem.MORTGAGE_NOT_FOUND,
                "Parcel " + id + " has no mortgage " + mortgageId + ".");
          }
          return new PendingEvent(
              MortgageDischarged.TYPE, new MortgageDischarged(id.value(), mortgageId));
        });
  }

  private ParcelEntity existing(CadastralId id) {
    return parcels
        .find(id.value())
        .orElseThrow(
            () ->
                new ProblemException(
                    LandRegisterProblem.PARCEL_NOT_FOUND, "No parcel " + id + " is registered."));
  }

  private static WriteCommand command(String idempotencyKey, String requestHash) {
    return new WriteCommand(LandRegisterEvents.REGISTER, idempotencyKey, requestHash);
  }
}
