package org.dataembassy.services.eid.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/** Projection of one citizen certificate and its status. */
@Entity
@Table(name = "eid_certificate", indexes = @Index(name = "eid_certificate_person", columnList = "personal_code"))
public class CertificateEntity {

  /** Upper-case hex. */
  @Id
  @Column(length = 40)
  public String serial;

  @Column(name = "personal_code", nullable = false, length = 11)
  public String personalCode;

  @Column(nullable = false, length = 100)
  public String name;

  /** Comma-separated role names, possibly empty. */
  @Column(nullable = false, length = 100)
  public String roles;

  /** The DER certificate, base64. */
  @Lob
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
