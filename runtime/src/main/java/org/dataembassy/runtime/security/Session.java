package org.dataembassy.runtime.security;

import java.time.Instant;
import java.util.Set;

/**
 * A citizen's session, as every site holds it (sealed) in the replicated session cache.
 *
 * @param personalCode who logged in
 * @param name the name on their certificate
 * @param certificateSerial the certificate they logged in with (upper-case hex)
 * @param roles what their enrolment grants
 * @param createdAt login time
 * @param lastUsedAt last recorded use (to within the touch interval)
 * @param expiresAt absolute end
 */
public record Session(
    String personalCode,
    String name,
    String certificateSerial,
    Set<Role> roles,
    Instant createdAt,
    Instant lastUsedAt,
    Instant expiresAt) {

  Session usedAt(Instant now) {
    return new Session(personalCode, name, certificateSerial, roles, createdAt, now, expiresAt);
  }

  @Override
  public String toString() {
    return "Session[serial=" + certificateSerial + "]";
  }
}
