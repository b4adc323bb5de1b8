package org.dataembassy.services.eid;

import java.time.Instant;
import java.util.List;

/**
 * A certificate of the register, as the API shows it.
 *
 * @param serial upper-case hex, as {@code openssl x509 -serial} prints it
 * @param status {@code good}, {@code revoked} or {@code expired}
 * @param certificate PEM
 * @param issuer PEM of the site's issuing CA that certified it ({@code openssl ocsp -issuer});
 *     null if it is not one the site knows
 */
public record CertificateView(
    String serial,
    String personalCode,
    String name,
    List<String> roles,
    Instant notBefore,
    Instant notAfter,
    String status,
    Instant revokedAt,
    String revocationReason,
    String certificate,
    String issuer) {}
