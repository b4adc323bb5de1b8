package org.dataembassy.runtime.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.dataembassy.runtime.config.SessionConfig;
import org.dataembassy.runtime.crypto.CertificateStatus;
import org.dataembassy.runtime.crypto.CertificateStatusSource;
import org.dataembassy.runtime.crypto.CitizenIdentity;
import org.dataembassy.runtime.crypto.Digests;
import org.dataembassy.runtime.journal.JournalCodec;
import org.dataembassy.runtime.replication.ShortLivedStore;
import org.dataembassy.runtime.replication.ShortLivedStore.Region;
import org.jboss.logging.Logger;

/**
 * Citizen sessions: opened at login, found by their bearer token at any site, ended by logout or
 * by idle and absolute expiry. The token (256 random bits) is handed to the citizen only; the
 * replicated cache keys sessions by the token's SHA-256, so storage never holds a usable token.
 */
@ApplicationScoped
public class Sessions {

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final Logger AUDIT = Logger.getLogger("org.dataembassy.audit");

  @Inject ShortLivedStore store;
  @Inject SessionConfig config;
  /** The in-memory status of every certificate (the eID service's index), where there is one. */
  @Inject Instance<CertificateStatusSource> statuses;

  private final Clock clock = Clock.systemUTC();

  /** A session just opened, with the token that names it. */
  public record Opened(String token, Session session, Instant idleExpiresAt) {}

  public Opened open(CitizenIdentity citizen, Set<Role> roles) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Instant now = clock.instant();
    Instant end = now.plus(config.maxLifetime());
    if (citizen.notAfter().isBefore(end)) {
      end = citizen.notAfter(); // never outlive the certificate
    }
    Session session =
        new Session(citizen.personalCode(), citizen.name(), citizen.serial(), Set.copyOf(roles), now, now, end);
    save(token, session);
    return new Opened(token, session, idleExpiresAt(session));
  }

  /**
   * The live session this token names, recording its use; empty if unknown, ended, expired — or
   * if its certificate has been revoked since: the session ends then, at whichever site it is
   * used next (every site's status index learns the revocation from the journal).
   */
  public Optional<Session> find(String token) {
    if (token == null || token.length() > 100) {
      return Optional.empty();
    }
    Optional<Session> found = store.get(Region.SESSIONS, key(token)).map(Sessions::decode);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Session session = found.get();
    Instant now = clock.instant();
    if (!now.isBefore(session.expiresAt()) || !now.isBefore(idleExpiresAt(session))) {
      store.remove(Region.SESSIONS, key(token));
      return Optional.empty();
    }
    if (revoked(session)) {
      store.remove(Region.SESSIONS, key(token));
      AUDIT.info("EMB-AU-003 a session ended at its next use: its certificate was revoked");
      return Optional.empty();
    }
    if (Duration.between(session.lastUsedAt(), now).compareTo(config.touchInterval()) >= 0) {
      session = session.usedAt(now);
      save(token, session);
    }
    return Optional.of(session);
  }

  private boolean revoked(Session session) {
    if (!statuses.isResolvable()) {
      return false;
    }
    try {
      return statuses.get().statusOf(new BigInteger(session.certificateSerial(), 16)).state() == CertificateStatus.State.REVOKED;
    } catch (NumberFormatException e) {
      return true; // not a serial this site issued: no session of it is honoured
    }
  }

  /** When the session ends if it is not used again. */
  public Instant idleExpiresAt(Session session) {
    Instant idle = session.lastUsedAt().plus(config.idleTimeout());
    return idle.isBefore(session.expiresAt()) ? idle : session.expiresAt();
  }

  public void close(String token) {
    store.remove(Region.SESSIONS, key(token));
  }

  private void save(String token, Session session) {
    Duration left = Duration.between(clock.instant(), idleExpiresAt(session));
    store.put(Region.SESSIONS, key(token), encode(session), left.isNegative() ? Duration.ofMillis(1) : left);
  }

  private static String key(String token) {
    return Digests.sha256Hex(token.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] encode(Session session) {
    try {
      return JournalCodec.json().writeValueAsBytes(session);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Session decode(byte[] bytes) {
    try {
      return JournalCodec.json().readValue(bytes, Session.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
