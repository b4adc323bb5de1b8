package org.dataembassy.runtime.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import org.dataembassy.runtime.persistence.EncryptedText;

/** The outcome of a write made with an {@code Idempotency-Key}, kept at every site by the applier. */
@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecord {

  @Id
  @Column(name = "idempotency_key", length = 255)
  public String key;

  @Column(name = "request_hash", nullable = false, length = 64)
  public String requestHash;

  @Column(nullable = false)
  public int status;

  @Column(length = 512)
  public String location;

  /** The outcome's body (it may name owners), encrypted. */
  @Lob
  @Convert(converter = EncryptedText.class)
  @Column(name = "body", nullable = false)
  public String body;

  @Column(nullable = false)
  public long sequence;
}
