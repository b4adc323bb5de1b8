package org.dataembassy.runtime.journal;

/**
 * A write to a register, as it reaches the active site.
 *
 * @param register the register written to
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null
 * @param requestHash hash of the request (method, path, body), to recognise a retry
 */
public record WriteCommand(String register, String idempotencyKey, String requestHash) {}
