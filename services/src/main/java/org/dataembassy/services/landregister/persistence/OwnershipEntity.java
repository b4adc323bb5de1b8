package org.dataembassy.services.landregister.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.dataembassy.runtime.persistence.EncryptedText;

/** One owner's share of a parcel. The owner's code and name are stored encrypted. */
@Entity
@Table(name = "ownership", indexes = @Index(name = "ownership_person", columnList = "personal_code_index"))
public class OwnershipEntity {

  @Id @GeneratedValue public Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "cadastral_id")
  public ParcelEntity parcel;

  /** Order in which the owners were listed. */
  @Column(nullable = false)
  public int position;

  /** Blind-index purpose of {@link #personalCodeIndex}. */
  public static final String PERSONAL_CODE_INDEX = "ownership.personal_code";

  @Convert(converter = EncryptedText.class)
  @Column(name = "personal_code", nullable = false, length = 100)
  public String personalCode;

  /** The keyed blind index of the personal code: what {@code ?owner=} looks up. */
  @Column(name = "personal_code_index", nullable = false, length = 43)
  public String personalCodeIndex;

  @Convert(converter = EncryptedText.class)
  @Column(nullable = false, length = 1100)
  public String name;

  @Column(nullable = false, length = 21)
  public String share;
}
