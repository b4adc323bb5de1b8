package org.dataembassy.services.auth;

import java.time.Instant;
import java.util.List;

/**
 * A session as its citizen sees it.
 *
 * @param token the bearer token (only in the answer to the login)
 * @param idleExpiresAt when it ends unless used before
 */
public record SessionView(
    String token,
    String personalCode,
    String name,
    String certificateSerial,
    List<String> roles,
    Instant createdAt,
    Instant expiresAt,
    Instant idleExpiresAt) {}
