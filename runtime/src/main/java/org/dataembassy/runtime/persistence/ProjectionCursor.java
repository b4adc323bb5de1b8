package org.dataembassy.runtime.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How far this site's projections have folded the journal (one row). */
@Entity
@Table(name = "projection_cursor")
public class ProjectionCursor {

  public static final int SINGLETON_ID = 1;

  @Id public int id = SINGLETON_ID;

  @Column(name = "applied_sequence", nullable = false)
  public long appliedSequence;

  @Column(name = "last_hash", nullable = false, length = 64)
  public String lastHash;
}
