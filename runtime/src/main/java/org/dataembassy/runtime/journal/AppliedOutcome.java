package org.dataembassy.runtime.journal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a client is told about an applied write: kept with the {@code Idempotency-Key} so that a
 * retry, at any site, gets the same answer.
 *
 * @param status HTTP status (e.g. 201)
 * @param location the {@code Location} of a created resource, or null
 * @param body the response body
 * @param sequence the journal sequence of the write
 */
public record AppliedOutcome(int status, String location, JsonNode body, long sequence) {}
