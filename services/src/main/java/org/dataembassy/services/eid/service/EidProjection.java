package org.dataembassy.services.eid.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.journal.AppliedOutcome;
import org.dataembassy.runtime.journal.JournalApplier;
import org.dataembassy.runtime.journal.OutcomeBodies;
import org.dataembassy.runtime.journal.JournalEntry;
import org.dataembassy.runtime.journal.RegisterProjection;
import org.dataembassy.runtime.persistence.ProjectionDatabase;
import org.dataembassy.services.eid.EidEvents;
import org.dataembassy.services.eid.EidEvents.CertificateEnrolled;
import org.dataembassy.services.eid.EidEvents.CertificatesRevoked;
import org.dataembassy.services.eid.persistence.CertificateEntity;
import org.dataembassy.services.eid.persistence.CertificateRepository;

/** Folds enrolments and revocations into the certificate table; the same at every site. */
@ApplicationScoped
public class EidProjection implements RegisterProjection {

  @Inject ProjectionDatabase database;
  @Inject CertificateRepository certificates;
  @Inject org.dataembassy.runtime.crypto.StatePki pki;
  @Inject CertificateStatusIndex index;
  @Inject BlindIndex blindIndex;

  @Override
  public String register() {
    return EidEvents.REGISTER;
  }

  @Override
  public AppliedOutcome apply(JournalEntry entry, JsonNode event) {
    return switch (entry.type()) {
      case CertificateEnrolled.TYPE -> enrolled(entry, event);
      case CertificatesRevoked.TYPE -> revoked(entry, event);
      default -> throw new IllegalStateException("unknown eID register event " + entry.type());
    };
  }

  private AppliedOutcome enrolled(JournalEntry entry, JsonNode event) {
    CertificateEnrolled e = JournalApplier.read(event, CertificateEnrolled.class);
    CertificateEntity c = new CertificateEntity();
    c.serial = e.serial();
    c.personalCode = e.personalCode();
    c.personalCodeIndex = blindIndex.of(CertificateEntity.PERSONAL_CODE_INDEX, e.personalCode());
    c.name = e.name();
    c.roles = String.join(",", e.roles());
    c.certificate = e.certificate();
    c.notBefore = e.notBefore();
    c.notAfter = e.notAfter();
    c.sequence = entry.sequence();
    database.em().persist(c);
    index.afterCommit(c);
    return new AppliedOutcome(
        201,
        "/certificates/" + c.serial,
        OutcomeBodies.of(CertificateRepository.toView(c, entry.timestamp(), pki.issuingCas())),
        entry.sequence());
  }

  private AppliedOutcome revoked(JournalEntry entry, JsonNode event) {
    CertificatesRevoked e = JournalApplier.read(event, CertificatesRevoked.class);
    List<Object> views =
        e.serials().stream()
            .map(
                serial -> {
                  CertificateEntity c =
                      certificates.find(serial).orElseThrow(() -> new IllegalStateException("revocation of an unknown certificate"));
                  c.revokedAt = e.revokedAt();
                  c.revocationReason = e.reason();
                  c.sequence = entry.sequence();
                  index.afterCommit(c);
                  return (Object) CertificateRepository.toView(c, entry.timestamp(), pki.issuingCas());
                })
            .toList();
    return new AppliedOutcome(
        200, null, OutcomeBodies.of(Map.of("revoked", views)), entry.sequence());
  }
}
