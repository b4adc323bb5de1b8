package org.dataembassy.services.auth;

import java.time.Instant;

/**
 * A login challenge: sign {@code nonce}'s bytes (base64-decoded) before {@code expiresAt}.
 *
 * @param nonce 32 random bytes, base64
 */
public record Challenge(String nonce, Instant expiresAt) {}
