package org.dataembassy.services.landregister.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.journal.JournalCodec;
import org.dataembassy.runtime.persistence.ProjectionDatabase;
import org.dataembassy.services.landregister.HistoryEntryView;
import org.dataembassy.services.landregister.PendingTransferView;
import org.dataembassy.services.landregister.ParcelView;

/** Reads the land register's projection at this site. Callers provide the transaction. */
@ApplicationScoped
public class ParcelRepository {

  @Inject ProjectionDatabase database;
  @Inject BlindIndex blindIndex;

  EntityManager em() {
    return database.em();
  }

  public Optional<ParcelEntity> find(String cadastralId) {
    return Optional.ofNullable(em().find(ParcelEntity.class, cadastralId));
  }

  public Optional<ParcelView> view(String cadastralId) {
    return find(cadastralId).map(ParcelRepository::toView);
  }

  public List<ParcelView> ownedBy(String personalCode) {
    return em().createQuery(
            "select p from ParcelEntity p where exists (select 1 from OwnershipEntity o"
                + " where o.parcel = p and o.personalCodeIndex = :code) order by p.cadastralId",
            ParcelEntity.class)
        .setParameter("code", blindIndex.of(OwnershipEntity.PERSONAL_CODE_INDEX, personalCode))
        .getResultList()
        .stream()
        .map(ParcelRepository::toView)
        .toList();
  }

  public List<HistoryEntryView> history(String cadastralId) {
    return em().createQuery(
            "from ParcelHistoryEntity h where h.cadastralId = :id order by h.sequence",
            ParcelHistoryEntity.class)
        .setParameter("id", cadastralId)
        .getResultList()
        .stream()
        .map(ParcelRepository::toView)
        .toList();
  }

  public Optional<PendingTransferEntity> pendingTransfer(String cadastralId, long transferId) {
    PendingTransferEntity t = em().find(PendingTransferEntity.class, transferId);
    return t != null && t.cadastralId.equals(cadastralId) ? Optional.of(t) : Optional.empty();
  }

  /** Every pending transfer of the parcel is void once its owners change. */
  public void dropPendingTransfers(String cadastralId) {
    em().createQuery("delete from PendingTransferEntity t where t.cadastralId = :id")
        .setParameter("id", cadastralId)
        .executeUpdate();
  }

  public static PendingTransferView toView(PendingTransferEntity t) {
    List<String> consented = codes(t.consented);
    try {
      List<ParcelView.OwnerView> owners = new java.util.ArrayList<>();
      for (var o : JournalCodec.json().readTree(t.owners)) {
        owners.add(new ParcelView.OwnerView(o.path("personalCode").asText(), o.path("name").asText(), o.path("share").asText()));
      }
      return new PendingTransferView(
          t.id, t.cadastralId, t.expectedVersion, owners,
          codes(t.needed).stream().filter(c -> !consented.contains(c)).toList(), consented, t.expiresAt);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable pending transfer " + t.id, e);
    }
  }

  public static List<String> codes(String joined) {
    return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
  }

  public static ParcelView toView(ParcelEntity p) {
    return new ParcelView(
        p.cadastralId,
        p.address,
        p.areaM2,
        p.purpose,
        p.owners.stream()
            .map(o -> new ParcelView.OwnerView(o.personalCode, o.name, o.share))
            .toList(),
        p.mortgages.stream()
            .map(m -> new ParcelView.MortgageView(m.id, m.creditor, m.amount, m.currency, m.id))
            .toList(),
        p.version,
        p.sequence);
  }

  private static HistoryEntryView toView(ParcelHistoryEntity h) {
    try {
      return new HistoryEntryView(
          h.sequence, h.epoch, h.type, h.recordedAt, h.site, JournalCodec.json().readTree(h.change));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable history entry " + h.sequence, e);
    }
  }
}
