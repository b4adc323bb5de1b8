package org.dataembassy.services.eid.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dataembassy.runtime.crypto.CertificateStatus;
import org.dataembassy.runtime.crypto.CertificateStatusSource;
import org.dataembassy.runtime.crypto.CitizenCertificates;
import org.dataembassy.runtime.crypto.RevocationReason;
import org.dataembassy.services.eid.persistence.CertificateEntity;
import org.dataembassy.services.eid.persistence.CertificateRepository;
import org.jboss.logging.Logger;

/**
 * The status of every certificate of the state CA, and the roles it was enrolled with, in memory,
 * for the OCSP responder, logins and signature validation (tens of thousands of lookups a second,
 * no database round trip). Loaded from the projection at start; changed only once the projection's
 * transaction has committed, so it never shows a status the projection does not hold. About 150
 * bytes a certificate (roles are rare: a certificate without any shares one entry).
 */
@ApplicationScoped
public class CertificateStatusIndex implements CertificateStatusSource {

  private static final Logger LOG = Logger.getLogger(CertificateStatusIndex.class);

  @Inject CertificateRepository certificates;
  @Inject TransactionSynchronizationRegistry transactions;

  private record Known(Instant revokedAt, RevocationReason reason, List<String> roles) {}

  private static final Known GOOD = new Known(null, null, List.of());

  private final Map<BigInteger, Known> known = new ConcurrentHashMap<>();
  /** Incremented after every change to {@link #known} (see {@link CertificateStatusSource#version}). */
  private final AtomicLong version = new AtomicLong();

  void load(@Observes @Priority(10) StartupEvent event) {
    QuarkusTransaction.requiringNew()
        .run(() -> certificates.all().forEach(c -> known.put(serial(c.serial), of(c))));
    version.incrementAndGet();
    LOG.infof("EMB-EID-001 certificate status index loaded: %d certificates", known.size());
  }

  @Override
  public long version() {
    return version.get();
  }

  @Override
  public CertificateStatus statusOf(BigInteger serial) {
    Known k = known.get(serial);
    if (k == null) {
      return CertificateStatus.unknown();
    }
    return k.revokedAt() == null ? CertificateStatus.good() : CertificateStatus.revoked(k.revokedAt(), k.reason());
  }

  /**
   * The roles (e.g. notary) the certificate was enrolled with, as the register holds them;
   * none for an unknown certificate. Roles never change after enrolment: a certificate with other
   * roles is a new enrolment.
   */
  public List<String> rolesOf(BigInteger serial) {
    Known k = known.get(serial);
    return k == null ? List.of() : k.roles();
  }

  /** Records the entity's status once the current transaction commits. */
  void afterCommit(CertificateEntity certificate) {
    BigInteger serial = serial(certificate.serial);
    Known status = of(certificate);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int outcome) {
            if (outcome == Status.STATUS_COMMITTED) {
              known.put(serial, status);
              version.incrementAndGet(); // after the change: an answer read before it is dropped
            }
          }
        });
  }

  private static Known of(CertificateEntity c) {
    List<String> roles = CertificateRepository.roles(c);
    return c.revokedAt == null && roles.isEmpty()
        ? GOOD
        : new Known(c.revokedAt, c.revokedAt == null ? null : RevocationReason.parse(c.revocationReason), List.copyOf(roles));
  }

  private static BigInteger serial(String hex) {
    return CitizenCertificates.parseSerial(hex).orElseThrow();
  }
}
