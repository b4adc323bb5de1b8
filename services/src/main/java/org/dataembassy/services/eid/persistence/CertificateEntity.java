package org.dataembassy.services.eid.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import org.dataembassy.runtime.persistence.EncryptedText;

/**
 * Projection of one citizen certificate and its status. The holder's code and name, and the
 * certificate itself (its subject names them), are stored encrypted.
 */
@Entity
@Table(name = "eid_certificate", indexes = @Index(name = "eid_certificate_person", columnList = "personal_code_index"))
public class CertificateEntity {

  /** Upper-case hex. */
  @Id
  @Column(length = 40)
  public String serial;

  /** Blind-index purpose of {@link #personalCodeIndex}. */
  public static final String PERSONAL_CODE_INDEX = "eid_certificate.personal_code";

  @Convert(converter = EncryptedText.class)
  @Column(name = "personal_code", nullable = false, length = 100)
  public String personalCode;

  /** The keyed blind index of the personal code, for a person's certificates. */
  @Column(name = "personal_code_index", nullable = false, length = 43)
  public String personalCodeIndex;

  @Convert(converter = EncryptedText.class)
  @Column(nullable = false, length = 600)
  public String name;

  /** Comma-separated role names, possibly empty. */
  @Column(nullable = false, length = 100)
  public String roles;

  /** The DER certificate, base64, encrypted. */
  @Lob
  @Convert(converter = EncryptedText.class)
  @Column(nullable = false)
  public String certificate;

  @Column(name = "not_before", nullable = false)
  public Instant notBefore;

  @Column(name = "not_after", nullable = false)
  public Instant notAfter;

  @Column(name = "revoked_at")
  public Instant revokedAt;

  @Column(name = "revocation_reason", length = 40)
  public String revocationReason;

  /** Journal sequence of the last change. */
  @Column(nullable = false)
  public long sequence;
}
