package org.dataembassy.services.eid.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.config.CryptoConfig;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.crypto.CitizenCertificates;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.crypto.PublicKeys;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.crypto.RevocationReason;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.crypto.StatePki;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.identity.PersonalCode;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.journal.JournalWriter;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.journal.PendingEvent;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.journal.WriteCommand;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.rest.ProblemException;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.security.Role;
import org.dataembassy.services.eid.EidEvents;
import org.dataembassy.services.eid.EidEvents.CertificateEnrolled;
import org.dataembassy.services.eid.EidEvents.CertificatesRevoked;
import org.dataembassy.services.eid.EidProblem;
import org.dataembassy.services.eid.persistence.CertificateEntity;
import org.dataembassy.services.eid.persistence.CertificateRepository;
import org.dataembassy.services.eid.rest.CertificateRequests.Enrol;
import org.jboss.logging.Logger;

/**
 * Enrolments and revocations: the state CA issues at the active site, and the certificate goes into
 * the journal, so every site holds the same certificates and statuses.
 */
@ApplicationScoped
public class EidService {

  private static final Logger LOG = Logger.getLogger(EidService.class);

  @Inject JournalWriter writer;
  @Inject CertificateRepository certificates;
  @Inject StatePki pki;
  @Inject CryptoConfig config;
  @Inject BlindIndex blindIndex;

  private final Clock clock = Clock.systemUTC();

  public JournalWriter.Result enrol(Enrol req, String idempotencyKey, String requestHash) {
    PersonalCode code = new PersonalCode(req.personalCode());
    String name = validName(req.name());
    PublicKey key =
        PublicKeys.parseP256(req.publicKey())
            .orElseThrow(
                () ->
                    new ProblemException(
                        EidProblem.INVALID_PUBLIC_KEY,
                        "Give the citizen's public key as PEM (-----BEGIN PUBLIC KEY-----), ECDSA P-256."));
    List<String> roles = roles(req.roles());
    X509Certificate certificate =
        pki.certificateAuthority()
            .issueCitizenCertificate(key, code.value(), name, config.citizenCountry(), config.citizenCertificateValidity());
    String serial = CitizenCertificates.serialHex(certificate.getSerialNumber());
    var event =
        new CertificateEnrolled(
            serial,
            code.value(),
            name,
            roles,
            der(certificate),
            certificate.getNotBefore().toInstant(),
            certificate.getNotAfter().toInstant());
    JournalWriter.Result result =
        writer.write(
            new WriteCommand(EidEvents.REGISTER, idempotencyKey, requestHash),
            () -> new PendingEvent(CertificateEnrolled.TYPE, event));
    if (!result.replayed()) {
      LOG.infof("EMB-EID-010 certificate enrolled (ref %s)", blindIndex.reference("certificate", serial));
    }
    return result;
  }

  /** Revokes one certificate. */
  public JournalWriter.Result revoke(String serialText, String reasonText, String idempotencyKey, String requestHash) {
    String serial = serial(serialText);
    RevocationReason reason = reason(reasonText);
    return revoked(
        idempotencyKey,
        requestHash,
        reason,
        () -> {
          CertificateEntity c =
              certificates
                  .find(serial)
                  .orElseThrow(
                      () -> new ProblemException(EidProblem.CERTIFICATE_NOT_FOUND, "No certificate " + serial + "."));
          if (c.revokedAt != null) {
            throw new ProblemException(
                EidProblem.ALREADY_REVOKED, "Certificate " + serial + " was revoked at " + c.revokedAt + ".");
          }
          return List.of(serial);
        });
  }

  /** Revokes every certificate of the person that is neither revoked nor expired. */
  public JournalWriter.Result revokePerson(
      String personalCode, String reasonText, String idempotencyKey, String requestHash) {
    PersonalCode code = new PersonalCode(personalCode);
    RevocationReason reason = reason(reasonText);
    return revoked(
        idempotencyKey,
        requestHash,
        reason,
        () -> {
          Instant now = clock.instant();
          List<String> serials = new ArrayList<>();
          for (CertificateEntity c : certificates.ofPerson(code.value())) {
            if (c.revokedAt == null && c.notAfter.isAfter(now)) {
              serials.add(c.serial);
            }
          }
          if (serials.isEmpty()) {
            throw new ProblemException(
                EidProblem.NO_VALID_CERTIFICATE, "The person holds no certificate that is still valid.");
          }
          return serials;
        });
  }

  private JournalWriter.Result revoked(
      String idempotencyKey,
      String requestHash,
      RevocationReason reason,
      java.util.function.Supplier<List<String>> serials) {
    JournalWriter.Result result =
        writer.write(
            new WriteCommand(EidEvents.REGISTER, idempotencyKey, requestHash),
            () ->
                new PendingEvent(
                    CertificatesRevoked.TYPE,
                    new CertificatesRevoked(serials.get(), clock.instant(), reason.apiName())));
    if (!result.replayed()) {
      LOG.infof("EMB-EID-011 certificate(s) revoked (%s) at journal sequence %d", reason.apiName(), result.outcome().sequence());
    }
    return result;
  }

  /** A serial number as the register keeps it (upper-case hex); 422 if it is not hex. */
  public static String serial(String text) {
    return CitizenCertificates.parseSerial(text)
        .map(CitizenCertificates::serialHex)
        .orElseThrow(() -> new ProblemException(EidProblem.INVALID_SERIAL, "Serial numbers are hexadecimal."));
  }

  private static String validName(String name) {
    if (name == null || name.isBlank() || name.strip().length() > 100
        || name.codePoints().anyMatch(Character::isISOControl)) {
      throw new ProblemException(EidProblem.INVALID_NAME, "A name has 1 to 100 characters and no control characters.");
    }
    return name.strip();
  }

  private static List<String> roles(List<String> roles) {
    if (roles == null) {
      return List.of();
    }
    List<String> parsed = new ArrayList<>();
    for (String role : roles) {
      Role r =
          Role.parse(role)
              .orElseThrow(() -> new ProblemException(EidProblem.INVALID_ROLE, "Roles: notary."));
      if (!parsed.contains(r.apiName())) {
        parsed.add(r.apiName());
      }
    }
    return parsed;
  }

  private static RevocationReason reason(String text) {
    if (text == null || text.isBlank()) {
      return RevocationReason.UNSPECIFIED;
    }
    RevocationReason reason = RevocationReason.parse(text);
    if (reason == null) {
      throw new ProblemException(EidProblem.INVALID_REASON, "Reasons: " + RevocationReason.names() + ".");
    }
    return reason;
  }

  private static String der(X509Certificate certificate) {
    try {
      return Base64.getEncoder().encodeToString(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
