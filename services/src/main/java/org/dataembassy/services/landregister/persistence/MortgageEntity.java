package org.dataembassy.services.landregister.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import org.dataembassy.runtime.persistence.EncryptedText;

/** A mortgage registered on a parcel; its id is the journal sequence that registered it. */
@Entity
@Table(name = "mortgage")
public class MortgageEntity {

  @Id public Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "cadastral_id")
  public ParcelEntity parcel;

  @Convert(converter = EncryptedText.class)
  @Column(nullable = false, length = 1100)
  public String creditor;

  @Column(nullable = false, precision = 15, scale = 2)
  public BigDecimal amount;

  @Column(nullable = false, length = 3)
  public String currency;

  /** The creditor's personal code when the creditor is a person (who may discharge it); else null. */
  @Convert(converter = EncryptedText.class)
  @Column(name = "creditor_personal_code", length = 1100)
  public String creditorPersonalCode;
}
