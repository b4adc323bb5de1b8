package org.dataembassy.services.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A session as its citizen sees it.
 *
 * @param token the bearer token (only in the answer to the login)
 * @param idleExpiresAt when it ends unless used before
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionView(
    String token,
    String personalCode,
    String name,
    String certificateSerial,
    List<String> roles,
    Instant createdAt,
    Instant expiresAt,
    Instant idleExpiresAt) {}
