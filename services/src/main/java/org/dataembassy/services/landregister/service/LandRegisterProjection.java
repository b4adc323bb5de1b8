package org.dataembassy.services.landregister.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.journal.AppliedOutcome;
import org.dataembassy.runtime.journal.JournalApplier;
import org.dataembassy.runtime.journal.JournalCodec;
import org.dataembassy.runtime.journal.JournalEntry;
import org.dataembassy.runtime.journal.RegisterProjection;
import org.dataembassy.runtime.persistence.ProjectionDatabase;
import org.dataembassy.services.landregister.LandRegisterEvents;
import org.dataembassy.services.landregister.LandRegisterEvents.MortgageDischarged;
import org.dataembassy.services.landregister.LandRegisterEvents.MortgageRegistered;
import org.dataembassy.services.landregister.LandRegisterEvents.OwnerData;
import org.dataembassy.services.landregister.LandRegisterEvents.OwnershipTransferred;
import org.dataembassy.services.landregister.LandRegisterEvents.ParcelRegistered;
import org.dataembassy.services.landregister.LandRegisterEvents.TransferConsented;
import org.dataembassy.services.landregister.LandRegisterEvents.TransferProposed;
import org.dataembassy.services.landregister.persistence.PendingTransferEntity;
import org.dataembassy.services.landregister.persistence.MortgageEntity;
import org.dataembassy.services.landregister.persistence.OwnershipEntity;
import org.dataembassy.services.landregister.persistence.ParcelEntity;
import org.dataembassy.services.landregister.persistence.ParcelHistoryEntity;
import org.dataembassy.services.landregister.persistence.ParcelRepository;

/** Folds land register events into the parcel tables; the same at every site. */
@ApplicationScoped
public class LandRegisterProjection implements RegisterProjection {

  @Inject ProjectionDatabase database;
  @Inject ParcelRepository parcels;
  @Inject BlindIndex blindIndex;

  @Override
  public String register() {
    return LandRegisterEvents.REGISTER;
  }

  @Override
  public AppliedOutcome apply(JournalEntry entry, JsonNode event) {
    return switch (entry.type()) {
      case ParcelRegistered.TYPE -> registered(entry, event);
      case OwnershipTransferred.TYPE -> transferred(entry, event);
      case MortgageRegistered.TYPE -> mortgaged(entry, event);
      case MortgageDischarged.TYPE -> discharged(entry, event);
      case TransferProposed.TYPE -> proposed(entry, event);
      case TransferConsented.TYPE -> consented(entry, event);
      default -> throw new IllegalStateException("unknown land register event " + entry.type());
    };
  }

  private AppliedOutcome registered(JournalEntry entry, JsonNode event) {
    ParcelRegistered e = JournalApplier.read(event, ParcelRegistered.class);
    ParcelEntity p = new ParcelEntity();
    p.cadastralId = e.cadastralId();
    p.address = e.address();
    p.areaM2 = e.areaM2();
    p.purpose = e.purpose();
    p.version = 0;
    setOwners(p, e.owners());
    database.em().persist(p);
    return changed(p, entry, event, 201, location(p));
  }

  private AppliedOutcome transferred(JournalEntry entry, JsonNode event) {
    OwnershipTransferred e = JournalApplier.read(event, OwnershipTransferred.class);
    ParcelEntity p = existing(e.cadastralId());
    p.owners.clear();
    database.em().flush(); // delete the old rows before inserting their replacements
    setOwners(p, e.owners());
    parcels.dropPendingTransfers(p.cadastralId); // proposed for owners who are no longer the owners
    return changed(p, entry, event, 200, null);
  }

  private AppliedOutcome proposed(JournalEntry entry, JsonNode event) {
    TransferProposed e = JournalApplier.read(event, TransferProposed.class);
    ParcelEntity p = existing(e.cadastralId());
    PendingTransferEntity t = new PendingTransferEntity();
    t.id = entry.sequence();
    t.cadastralId = p.cadastralId;
    t.expectedVersion = e.expectedVersion();
    t.owners = JournalCodec.json().valueToTree(e.owners()).toString();
    t.needed = String.join(",", e.needed());
    t.consented = String.join(",", e.consented());
    t.proposedBy = JournalCodec.json().valueToTree(e.proposedBy()).toString();
    t.expiresAt = e.expiresAt();
    database.em().persist(t);
    return recorded(p, t, entry, event);
  }

  private AppliedOutcome consented(JournalEntry entry, JsonNode event) {
    TransferConsented e = JournalApplier.read(event, TransferConsented.class);
    ParcelEntity p = existing(e.cadastralId());
    PendingTransferEntity t = parcels.pendingTransfer(e.cadastralId(), e.transferId())
        .orElseThrow(() -> new IllegalStateException("journal refers to unknown transfer " + e.transferId()));
    java.util.List<String> consented = new java.util.ArrayList<>(ParcelRepository.codes(t.consented));
    if (!consented.contains(e.personalCode())) {
      consented.add(e.personalCode());
    }
    t.consented = String.join(",", consented);
    return recorded(p, t, entry, event);
  }

  /**
   * A step towards a change, in the parcel's history (journaled like any change) but not a change
   * of the parcel: its version stays, so the transfer it leads to still applies.
   */
  private AppliedOutcome recorded(ParcelEntity p, PendingTransferEntity t, JournalEntry entry, JsonNode event) {
    history(p, entry, event);
    database.em().flush();
    return new AppliedOutcome(
        202,
        location(p) + "/transfers/" + t.id,
        JournalCodec.json().valueToTree(ParcelRepository.toView(t)),
        entry.sequence());
  }

  private AppliedOutcome mortgaged(JournalEntry entry, JsonNode event) {
    MortgageRegistered e = JournalApplier.read(event, MortgageRegistered.class);
    ParcelEntity p = existing(e.cadastralId());
    MortgageEntity m = new MortgageEntity();
    m.id = entry.sequence();
    m.parcel = p;
    m.creditor = e.creditor();
    m.amount = e.amount();
    m.currency = e.currency();
    m.creditorPersonalCode = e.creditorPersonalCode();
    p.mortgages.add(m);
    return changed(p, entry, event, 201, location(p) + "/mortgages/" + m.id);
  }

  private AppliedOutcome discharged(JournalEntry entry, JsonNode event) {
    MortgageDischarged e = JournalApplier.read(event, MortgageDischarged.class);
    ParcelEntity p = existing(e.cadastralId());
    p.mortgages.removeIf(m -> m.id == e.mortgageId());
    return changed(p, entry, event, 200, null);
  }

  private ParcelEntity existing(String cadastralId) {
    return parcels
        .find(cadastralId)
        .orElseThrow(
            () -> new IllegalStateException("journal refers to unknown parcel " + cadastralId));
  }

  private void setOwners(ParcelEntity p, List<OwnerData> owners) {
    int position = 0;
    for (OwnerData o : owners) {
      OwnershipEntity row = new OwnershipEntity();
      row.parcel = p;
      row.position = position++;
      row.personalCode = o.personalCode();
      row.personalCodeIndex = blindIndex.of(OwnershipEntity.PERSONAL_CODE_INDEX, o.personalCode());
      row.name = o.name();
      row.share = o.share();
      p.owners.add(row);
    }
  }

  private AppliedOutcome changed(
      ParcelEntity p, JournalEntry entry, JsonNode event, int status, String location) {
    p.version += 1;
    p.sequence = entry.sequence();
    history(p, entry, event);
    database.em().flush();
    return new AppliedOutcome(
        status,
        location,
        JournalCodec.json().valueToTree(ParcelRepository.toView(p)),
        entry.sequence());
  }

  private void history(ParcelEntity p, JournalEntry entry, JsonNode event) {
    ParcelHistoryEntity h = new ParcelHistoryEntity();
    h.sequence = entry.sequence();
    h.cadastralId = p.cadastralId;
    h.epoch = entry.epoch();
    h.type = entry.type();
    h.recordedAt = entry.timestamp();
    h.site = entry.site();
    h.change = event.toString();
    database.em().persist(h);
  }

  private static String location(ParcelEntity p) {
    return "/parcels/" + p.cadastralId;
  }
}
