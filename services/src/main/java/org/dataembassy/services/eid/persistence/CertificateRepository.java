package org.dataembassy.services.eid.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.persistence.ProjectionDatabase;
import org.dataembassy.services.eid.CertificateView;

/** Reads the eID certificate register's projection at this site. Callers provide the transaction. */
@ApplicationScoped
public class CertificateRepository {

  @Inject ProjectionDatabase database;
  @Inject BlindIndex blindIndex;

  public Optional<CertificateEntity> find(String serial) {
    return Optional.ofNullable(database.em().find(CertificateEntity.class, serial));
  }

  public List<CertificateEntity> ofPerson(String personalCode) {
    return database
        .em()
        .createQuery(
            "select c from CertificateEntity c where c.personalCodeIndex = :code order by c.notBefore, c.serial",
            CertificateEntity.class)
        .setParameter("code", blindIndex.of(CertificateEntity.PERSONAL_CODE_INDEX, personalCode))
        .getResultList();
  }

  public List<CertificateEntity> all() {
    return database.em().createQuery("select c from CertificateEntity c", CertificateEntity.class).getResultList();
  }

  /** The view of {@code c}, its issuer's certificate taken from {@code issuingCas}. */
  public static CertificateView toView(CertificateEntity c, Instant now, org.dataembassy.runtime.crypto.IssuingCas issuingCas) {
    String status = c.revokedAt != null ? "revoked" : now.isAfter(c.notAfter) ? "expired" : "good";
    return new CertificateView(
        c.serial,
        c.personalCode,
        c.name,
        roles(c),
        c.notBefore,
        c.notAfter,
        status,
        c.revokedAt,
        c.revocationReason,
        pem(c.certificate),
        issuerPem(c.certificate, issuingCas));
  }

  private static String issuerPem(String base64, org.dataembassy.runtime.crypto.IssuingCas issuingCas) {
    return org.dataembassy.runtime.crypto.CitizenCertificates.parse(Base64.getDecoder().decode(base64))
        .flatMap(cert -> issuingCas.named(cert.getIssuerX500Principal()))
        .map(org.dataembassy.runtime.crypto.Pem::encode)
        .orElse(null);
  }

  public static List<String> roles(CertificateEntity c) {
    return c.roles.isEmpty() ? List.of() : Arrays.asList(c.roles.split(","));
  }

  private static String pem(String base64) {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(Base64.getDecoder().decode(base64))
        + "\n-----END CERTIFICATE-----\n";
  }
}
