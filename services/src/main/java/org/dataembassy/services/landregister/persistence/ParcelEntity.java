package org.dataembassy.services.landregister.persistence;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import org.dataembassy.runtime.persistence.EncryptedText;
import java.util.List;

/** Projection of a parcel: its current state as folded from the journal. */
@Entity
@Table(name = "parcel")
public class ParcelEntity {

  @Id
  @Column(name = "cadastral_id", length = 14)
  public String cadastralId;

  @Convert(converter = EncryptedText.class)
  @Column(nullable = false, length = 1100)
  public String address;

  @Column(name = "area_m2", nullable = false)
  public long areaM2;

  @Column(nullable = false, length = 40)
  public String purpose;

  /** Grows by one with every change of the parcel. */
  @Column(nullable = false)
  public long version;

  /** Journal sequence of the last change. */
  @Column(nullable = false)
  public long sequence;

  @OneToMany(mappedBy = "parcel", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("position")
  public List<OwnershipEntity> owners = new ArrayList<>();

  @OneToMany(mappedBy = "parcel", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("id")
  public List<MortgageEntity> mortgages = new ArrayList<>();
}
