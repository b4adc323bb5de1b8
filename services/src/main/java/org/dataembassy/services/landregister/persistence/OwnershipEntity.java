package org.dataembassy.services.landregister.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One owner's share of a parcel. */
@Entity
@Table(name = "ownership", indexes = @Index(name = "ownership_person", columnList = "personal_code"))
public class OwnershipEntity {

  @Id @GeneratedValue public Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "cadastral_id")
  public ParcelEntity parcel;

  /** Order in which the owners were listed. */
  @Column(nullable = false)
  public int position;

  @Column(name = "personal_code", nullable = false, length = 11)
  public String personalCode;

  @Column(nullable = false, length = 200)
  public String name;

  @Column(nullable = false, length = 21)
  public String share;
}
