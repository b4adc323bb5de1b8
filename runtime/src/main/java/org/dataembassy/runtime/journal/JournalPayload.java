package org.dataembassy.runtime.journal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a journal entry changes, sealed before it leaves the process.
 *
 * @param event the register's event, as JSON
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null
 * @param requestHash hash of the request that produced the event (to detect a key reused for
 *     another request), or null
 */
public record JournalPayload(JsonNode event, String idempotencyKey, String requestHash) {}
