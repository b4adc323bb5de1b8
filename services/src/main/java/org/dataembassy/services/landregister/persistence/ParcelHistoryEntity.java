package org.dataembassy.services.landregister.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import org.dataembassy.runtime.persistence.EncryptedText;

/** A journal entry that touched a parcel (one row per entry: the sequence is the key). */
@Entity
@Table(name = "parcel_history", indexes = @Index(name = "history_parcel", columnList = "cadastral_id,sequence"))
public class ParcelHistoryEntity {

  @Id public Long sequence;

  @Column(name = "cadastral_id", nullable = false, length = 14)
  public String cadastralId;

  @Column(nullable = false)
  public long epoch;

  @Column(nullable = false, length = 40)
  public String type;

  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;

  @Column(nullable = false, length = 40)
  public String site;

  /** The entry's event (owners, codes), encrypted. */
  @Lob
  @Convert(converter = EncryptedText.class)
  @Column(nullable = false)
  public String change;
}
