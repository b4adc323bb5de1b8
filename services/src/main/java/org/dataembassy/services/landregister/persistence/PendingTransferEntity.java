package org.dataembassy.services.landregister.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.dataembassy.runtime.persistence.EncryptedText;

/**
 * A transfer waiting for the consent of the owners whose shares it shrinks; its id is the journal
 * sequence that proposed it. Who is asked, who consented and the new owners are personal data:
 * sealed with the data key like every projection's.
 */
@Entity
@Table(name = "pending_transfer")
public class PendingTransferEntity {

  @Id public Long id;

  @Column(name = "cadastral_id", nullable = false, length = 14)
  public String cadastralId;

  @Column(name = "expected_version", nullable = false)
  public long expectedVersion;

  /** The new owners, as the event's JSON array. */
  @Convert(converter = EncryptedText.class)
  @Column(nullable = false, length = 20000)
  public String owners;

  /** Personal codes whose consent is needed, comma-separated. */
  @Convert(converter = EncryptedText.class)
  @Column(nullable = false, length = 4000)
  public String needed;

  /** Personal codes that consented so far, comma-separated. */
  @Convert(converter = EncryptedText.class)
  @Column(nullable = false, length = 4000)
  public String consented;

  /** Who proposed it, as the event's JSON. */
  @Convert(converter = EncryptedText.class)
  @Column(name = "proposed_by", nullable = false, length = 1100)
  public String proposedBy;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;
}
