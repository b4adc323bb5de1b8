package org.dataembassy.services.auth.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.crypto.CertificateStatus;
import org.dataembassy.runtime.crypto.CitizenCertificates;
import org.dataembassy.runtime.crypto.CitizenIdentity;
import org.dataembassy.runtime.crypto.Digests;
import org.dataembassy.runtime.crypto.StatePki;
import org.dataembassy.runtime.replication.ShortLivedStore;
import org.dataembassy.runtime.replication.ShortLivedStore.Region;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.limits.AddressRateLimiter;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;
import org.dataembassy.runtime.security.Role;
import org.dataembassy.runtime.security.Sessions;
import org.dataembassy.services.auth.AuthProblem;
import org.dataembassy.services.auth.Challenge;
import org.dataembassy.services.auth.config.AuthConfig;
import org.dataembassy.services.auth.rest.AuthRequests.Login;
import org.dataembassy.services.eid.persistence.CertificateRepository;
import org.dataembassy.services.eid.service.CertificateStatusIndex;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

/**
 * eID login by challenge and response: the citizen signs a fresh nonce with the key of a state
 * certificate; the site checks the signature, the chain to the state CA, the validity dates and
 * the revocation status, that it is the very certificate the register holds, and opens a session
 * every site honours. A nonce is answered only at the site that gave it, at most once, whether the
 * login succeeds or not (a site's own removal is atomic; the copies at the other sites cannot be
 * answered there). Failures are throttled per client address first; per certificate only once its
 * chain verifies, and per certificate and address — keyed on the certificate alone, anyone holding
 * a victim's public certificate could lock the victim out. Challenges are rate-limited per address.
 */
@ApplicationScoped
public class LoginService {

  private static final Logger LOG = Logger.getLogger(LoginService.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 32;

  @Inject ShortLivedStore store;
  @Inject Sessions sessions;
  @Inject StatePki pki;
  @Inject CertificateStatusIndex statuses;
  @Inject LoginThrottle throttle;
  @Inject AuthConfig config;
  @Inject BlindIndex blindIndex;
  @Inject SiteConfig site;
  @Inject CertificateRepository register;

  private AddressRateLimiter challengeLimiter;

  @PostConstruct
  void limits() {
    challengeLimiter = new AddressRateLimiter(config.challengeBurst(), config.challengeRefill(), LoginThrottle.MAX_KEYS, clock);
  }

  private final Clock clock = Clock.systemUTC();

  /** A fresh challenge, given by this site; 429 with Retry-After if the address asks too often. */
  public Challenge challenge(String clientAddress) {
    OptionalLong wait = challengeLimiter.acquire(clientAddress);
    if (wait.isPresent()) {
      throw new ProblemException(
          CommonProblem.RATE_LIMITED, "Too many challenges from this address; try again in " + wait.getAsLong() + " s.",
          List.of(), (int) wait.getAsLong());
    }
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    Instant expires = clock.instant().plus(config.challengeLifetime());
    String value = site.id() + "|" + expires;
    store.put(Region.CHALLENGES, Digests.sha256Hex(nonce), value.getBytes(StandardCharsets.UTF_8), config.challengeLifetime());
    return new Challenge(Base64.getEncoder().encodeToString(nonce), expires);
  }


  public Sessions.Opened login(Login login, String clientAddress) {
    String addressKey = "address:" + clientAddress;
    refuseIfThrottled(addressKey, config.maxFailuresPerAddress());
    Optional<X509Certificate> parsed = CitizenCertificates.parse(login.certificate());
    if (parsed.isEmpty()) {
      throw failure(addressKey, null, AuthProblem.INVALID_CERTIFICATE, "The certificate is not PEM or base64 DER.");
    }
    X509Certificate certificate = parsed.get();
    String serial = CitizenCertificates.serialHex(certificate.getSerialNumber());
    byte[] nonce = decode(login.nonce());
    byte[] signature = decode(login.signature());
    // single use: whatever happens next, this nonce cannot be answered again
    Optional<byte[]> challenge = nonce == null ? Optional.empty() : store.take(Region.CHALLENGES, Digests.sha256Hex(nonce));
    if (challenge.isEmpty()) {
      throw failure(addressKey, null, AuthProblem.UNKNOWN_CHALLENGE, "Ask for a new challenge (POST /challenges).");
    }
    String givenBy = new String(challenge.get(), StandardCharsets.UTF_8).split("\\|", 2)[0];
    if (!givenBy.equals(site.id())) {
      throw failure(addressKey, null, AuthProblem.UNKNOWN_CHALLENGE,
          "This challenge was given by another site; ask this one for a new challenge (POST /challenges).");
    }
    CitizenCertificates citizens = pki.citizens();
    Optional<CitizenIdentity> identity = CitizenCertificates.identity(certificate);
    if (!citizens.issuedByState(certificate) || identity.isEmpty()) {
      throw failure(addressKey, null, AuthProblem.INVALID_CERTIFICATE, "It is not an eID certificate of the state CA.");
    }
    // the chain verifies: from here failures count against this certificate too (from this address)
    String certificateKey = "certificate:" + serial + "@" + clientAddress;
    refuseIfThrottled(certificateKey, config.maxFailuresPerCertificate());
    if (!CitizenCertificates.validAt(certificate, clock.instant())) {
      throw failure(addressKey, certificateKey, AuthProblem.CERTIFICATE_EXPIRED, "The certificate is not valid now.");
    }
    CertificateStatus status = statuses.statusOf(certificate.getSerialNumber());
    if (status.state() == CertificateStatus.State.REVOKED) {
      throw failure(addressKey, certificateKey, AuthProblem.CERTIFICATE_REVOKED, "The certificate was revoked at " + status.revokedAt() + ".");
    }
    if (status.state() == CertificateStatus.State.UNKNOWN) {
      throw failure(addressKey, certificateKey, AuthProblem.INVALID_CERTIFICATE, "The state's register does not hold this certificate.");
    }
    if (signature == null || !citizens.verifySignature(certificate, nonce, signature)) {
      throw failure(addressKey, certificateKey, AuthProblem.INVALID_SIGNATURE, "Sign the nonce's bytes with SHA-256 and the certificate's key.");
    }
    if (!registered(serial, certificate)) {
      // same serial, other content: a certificate the register never recorded
      throw failure(addressKey, certificateKey, AuthProblem.INVALID_CERTIFICATE, "The state's register holds another certificate under this serial.");
    }
    throttle.succeeded(certificateKey);
    Sessions.Opened opened = sessions.open(identity.get(), roles(certificate));
    LOG.infof("EMB-AU-020 citizen logged in (certificate ref %s)", blindIndex.reference("certificate", serial));
    return opened;
  }

  /** Whether the register's copy of the certificate {@code serial} is exactly {@code presented}. */
  private boolean registered(String serial, X509Certificate presented) {
    Optional<String> pem = QuarkusTransaction.joiningExisting().call(() -> register.find(serial).map(c -> c.certificate));
    if (pem.isEmpty()) {
      return false;
    }
    try {
      return java.util.Arrays.equals(
          CitizenCertificates.parse(pem.get()).orElseThrow().getEncoded(), presented.getEncoded());
    } catch (java.security.cert.CertificateEncodingException | RuntimeException e) {
      return false;
    }
  }

  /** The roles the certificate was enrolled with (from the in-memory index: no database round trip). */
  private Set<Role> roles(X509Certificate certificate) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    statuses.rolesOf(certificate.getSerialNumber()).forEach(n -> Role.parse(n).ifPresent(roles::add));
    return roles;
  }

  private void refuseIfThrottled(String key, int maxFailures) {
    Optional<Duration> wait = throttle.waitFor(key, maxFailures);
    if (wait.isPresent()) {
      int seconds = (int) Math.max(1, wait.get().toSeconds() + 1);
      throw new ProblemException(
          AuthProblem.TOO_MANY_FAILURES, "Try again in " + seconds + " s.", List.of(), seconds);
    }
  }

  private ProblemException failure(String addressKey, String certificateKey, AuthProblem problem, String detail) {
    throttle.failed(addressKey);
    if (certificateKey != null) {
      throttle.failed(certificateKey);
    }
    LOG.infof("EMB-AU-021 login refused: %s%s", problem.code(),
        certificateKey == null
            ? ""
            : " (certificate ref " + blindIndex.reference("certificate", certificateKey.substring("certificate:".length(), certificateKey.indexOf('@'))) + ")");
    return new ProblemException(problem, detail);
  }

  private static byte[] decode(String base64) {
    if (base64 == null || base64.length() > 1024) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
