package org.dataembassy.failover.drill;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.dataembassy.runtime.persistence.EncryptedText;

/** A drill of the audit trail, as every site folds it; its id is the journal sequence. */
@Entity
@Table(name = "drill_record")
public class DrillRecordEntity {

  @Id public Long sequence;

  @Column(nullable = false, length = 20)
  public String kind;

  @Column(nullable = false, length = 40)
  public String subject;

  @Column(name = "started_at", nullable = false)
  public Instant startedAt;

  @Column(nullable = false)
  public boolean passed;

  @Column(name = "first_write_ms")
  public Long firstWriteMs;

  @Column(name = "acknowledged_writes", nullable = false)
  public int acknowledgedWrites;

  @Column(name = "lost_writes", nullable = false)
  public int lostWrites;

  /** The operator's certificate subject: a person's name, sealed like every name at rest. */
  @Convert(converter = EncryptedText.class)
  @Column(nullable = false, length = 1100)
  public String operator;

  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;

  @Column(nullable = false, length = 40)
  public String site;
}
