package org.dataembassy.services.eid;

import java.time.Instant;
import java.util.List;

/**
 * The eID certificate register's journal events: every site learns of every enrolment and
 * revocation, so each answers OCSP and login checks alike.
 */
public final class EidEvents {

  public static final String REGISTER = "eid";

  private EidEvents() {}

  /**
   * A certificate the state CA issued to a citizen.
   *
   * @param serial upper-case hex
   * @param certificate the DER certificate, base64
   * @param roles roles the enrolment grants (e.g. {@code notary})
   */
  public record CertificateEnrolled(
      String serial,
      String personalCode,
      String name,
      List<String> roles,
      String certificate,
      Instant notBefore,
      Instant notAfter) {
    public static final String TYPE = "CertificateEnrolled";
  }

  /**
   * Certificates revoked together (one, or every valid one of a person); {@code reason} is an RFC
   * 5280 CRLReason name ({@code key_compromise}).
   */
  public record CertificatesRevoked(List<String> serials, Instant revokedAt, String reason) {
    public static final String TYPE = "CertificatesRevoked";
  }
}
