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
    return changed(p, entry, event, 200, null);
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
    ParcelHistoryEntity h = new ParcelHistoryEntity();
    h.sequence = entry.sequence();
    h.cadastralId = p.cadastralId;
    h.epoch = entry.epoch();
    h.type = entry.type();
    h.recordedAt = entry.timestamp();
    h.site = entry.site();
    h.change = event.toString();
    database.em().persist(h);
    database.em().flush();
    return new AppliedOutcome(
        status,
        location,
        JournalCodec.json().valueToTree(ParcelRepository.toView(p)),
        entry.sequence());
  }

  private static String location(ParcelEntity p) {
    return "/parcels/" + p.cadastralId;
  }
}
