package org.dataembassy.runtime.crypto;

import java.time.Instant;

/**
 * What the state knows of one of its certificates, as OCSP (RFC 6960) reports it.
 *
 * @param state good, revoked or unknown (never issued by the state CA)
 * @param revokedAt when it was revoked, or null
 * @param reason why, or null
 */
public record CertificateStatus(State state, Instant revokedAt, RevocationReason reason) {

  public enum State {
    GOOD,
    REVOKED,
    UNKNOWN
  }

  private static final CertificateStatus GOOD = new CertificateStatus(State.GOOD, null, null);
  private static final CertificateStatus UNKNOWN = new CertificateStatus(State.UNKNOWN, null, null);

  public static CertificateStatus good() {
    return GOOD;
  }

  public static CertificateStatus unknown() {
    return UNKNOWN;
  }

  public static CertificateStatus revoked(Instant at, RevocationReason reason) {
    return new CertificateStatus(State.REVOKED, at, reason);
  }
}
