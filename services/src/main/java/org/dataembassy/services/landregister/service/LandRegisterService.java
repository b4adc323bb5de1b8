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
import org.dataembassy.services.landregister.LandRegisterEvents.DecidedBy;
import org.dataembassy.services.landregister.LandRegisterEvents.TransferConsented;
import org.dataembassy.services.landregister.LandRegisterEvents.TransferProposed;
import org.dataembassy.services.landregister.Share;
import org.dataembassy.services.landregister.config.LandRegisterConfig;
import org.dataembassy.services.landregister.persistence.PendingTransferEntity;
import org.dataembassy.runtime.identity.PersonalCode;
import org.dataembassy.runtime.journal.JournalCodec;
import org.dataembassy.runtime.security.SecurityProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dataembassy.services.landregister.LandRegisterProblem;
import org.dataembassy.services.landregister.Ownership;
import org.dataembassy.services.landregister.persistence.ParcelEntity;
import org.dataembassy.services.landregister.persistence.ParcelRepository;
import org.dataembassy.services.landregister.rest.ParcelRequests.RegisterMortgage;
import org.dataembassy.services.landregister.rest.ParcelRequests.RegisterParcel;
import org.dataembassy.services.landregister.rest.ParcelRequests.Transfer;

/**
 * The land register's writes: validate the request, decide against the current projection at the
 * active site, and journal the event. Who may decide what:
 *
 * <ul>
 *   <li>a transfer: a notary or an operator at once; an owner at once if no other owner's share
 *       shrinks, otherwise it is proposed and waits for the consent of every owner whose share
 *       shrinks (each with their own session, or a notary for them), within {@code
 *       embassy.land-register.transfer-consent-window};
 *   <li>a mortgage: a notary or an operator, or the owner of the whole parcel;
 *   <li>a discharge: the creditor (when a person with an eID), a notary or an operator.
 * </ul>
 *
 * Every event records who decided it.
 */
@ApplicationScoped
public class LandRegisterService {

  @Inject JournalWriter writer;
  @Inject ParcelRepository parcels;
  @Inject ParcelAccess access;
  @Inject LandRegisterConfig config;

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
            id.value(), req.address().strip(), req.areaM2(), req.purpose(), OwnerData.of(ownership), DecidedBy.of(caller));
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
          requireVersion(id, parcel, req.expectedVersion());
          List<String> affected = affectedOwners(parcel, ownership);
          boolean atOnce = access.isRegistrar(caller) || affected.stream().allMatch(caller::is);
          if (atOnce) {
            return new PendingEvent(
                OwnershipTransferred.TYPE,
                new OwnershipTransferred(id.value(), OwnerData.of(ownership), null, null, DecidedBy.of(caller)));
          }
          List<String> consented = affected.stream().filter(caller::is).toList();
          return new PendingEvent(
              TransferProposed.TYPE,
              new TransferProposed(
                  id.value(), parcel.version, OwnerData.of(ownership), affected, consented, DecidedBy.of(caller),
                  Instant.now().plus(config.transferConsentWindow())));
        });
  }

  /**
   * An owner's consent to a proposed transfer ({@code POST /parcels/{id}/transfers/{tid}/consents}):
   * an owner whose consent it awaits, or a notary or an operator consenting for all who have not
   * yet. The last consent applies the transfer.
   */
  public JournalWriter.Result consent(
      Caller caller, String cadastralId, long transferId, String idempotencyKey, String requestHash) {
    access.requireAuthenticated(caller);
    CadastralId id = new CadastralId(cadastralId);
    return writer.write(
        command(idempotencyKey, requestHash),
        () -> {
          ParcelEntity parcel = existing(id);
          PendingTransferEntity transfer = parcels.pendingTransfer(id.value(), transferId)
              .orElseThrow(() -> new ProblemException(
                  LandRegisterProblem.TRANSFER_NOT_FOUND, "Parcel " + id + " has no pending transfer " + transferId + "."));
          if (!Instant.now().isBefore(transfer.expiresAt)) {
            throw new ProblemException(
                LandRegisterProblem.TRANSFER_EXPIRED, "Transfer " + transferId + " expired at " + transfer.expiresAt + "; propose it again.");
          }
          requireVersion(id, parcel, transfer.expectedVersion);
          List<String> needed = ParcelRepository.codes(transfer.needed);
          List<String> consented = new ArrayList<>(ParcelRepository.codes(transfer.consented));
          if (access.isRegistrar(caller)) {
            needed.stream().filter(c -> !consented.contains(c)).forEach(consented::add);
          } else if (needed.stream().anyMatch(caller::is) && consented.stream().noneMatch(caller::is)) {
            consented.add(caller.personalCode());
          } else if (needed.stream().anyMatch(caller::is)) {
            throw new ProblemException(LandRegisterProblem.CONSENT_NOT_NEEDED, "Your consent to transfer " + transferId + " was given already.");
          } else {
            throw new ProblemException(
                SecurityProblem.FORBIDDEN, "Only an owner whose share the transfer shrinks, a notary or an operator consents to it.");
          }
          if (consented.containsAll(needed)) {
            return new PendingEvent(
                OwnershipTransferred.TYPE,
                new OwnershipTransferred(id.value(), ownersOf(transfer), transferId, List.copyOf(needed), DecidedBy.of(caller)));
          }
          return new PendingEvent(
              TransferConsented.TYPE, new TransferConsented(id.value(), transferId, caller.personalCode()));
        });
  }

  /** The owners whose share the new ownership shrinks (or ends), in the parcel's order. */
  static List<String> affectedOwners(ParcelEntity parcel, Ownership next) {
    Map<String, Share> after = new HashMap<>();
    next.owners().forEach(o -> after.put(o.personalCode().value(), o.share()));
    List<String> affected = new ArrayList<>();
    for (var owner : parcel.owners) {
      Share before = Share.parse(owner.share);
      Share now = after.getOrDefault(owner.personalCode, Share.ZERO);
      if (now.compareTo(before) < 0) {
        affected.add(owner.personalCode);
      }
    }
    return affected;
  }

  private static List<OwnerData> ownersOf(PendingTransferEntity transfer) {
    try {
      return List.of(JournalCodec.json().readValue(transfer.owners, OwnerData[].class));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable pending transfer " + transfer.id, e);
    }
  }

  private static void requireVersion(CadastralId id, ParcelEntity parcel, long expected) {
    if (parcel.version != expected) {
      throw new ProblemException(
          LandRegisterProblem.VERSION_CONFLICT,
          "Parcel " + id + " is at version " + parcel.version + ", not " + expected + ". Read it again and retry.");
    }
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
    String creditorCode = req.creditorPersonalCode() == null ? null : new PersonalCode(req.creditorPersonalCode()).value();
    return writer.write(
        command(idempotencyKey, requestHash),
        () -> {
          access.requireWholeOwnerOrRegistrar(caller, existing(id));
          return new PendingEvent(
              MortgageRegistered.TYPE,
              new MortgageRegistered(id.value(), req.creditor().strip(), req.amount(), req.currency(), creditorCode, DecidedBy.of(caller)));
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
          var mortgage = parcel.mortgages.stream().filter(m -> m.id == mortgageId).findFirst()
              .orElseThrow(() -> new ProblemException(
                  LandRegisterProblem.MORTGAGE_NOT_FOUND, "Parcel " + id + " has no mortgage " + mortgageId + "."));
          access.requireCreditorOrRegistrar(caller, mortgage);
          return new PendingEvent(
              MortgageDischarged.TYPE,
              new MortgageDischarged(id.value(), mortgageId,
                  access.isRegistrar(caller) ? DecidedBy.of(caller) : new DecidedBy("creditor", caller.personalCode())));
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
