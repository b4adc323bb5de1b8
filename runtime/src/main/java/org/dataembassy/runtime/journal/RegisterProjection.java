package org.dataembassy.runtime.journal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Folds one register's journal entries into that register's relational projection at a site. Called
 * in sequence order, inside the transaction that also advances the site's projection cursor, so
 * each entry is applied exactly once. Must be deterministic: every site computes the same outcome.
 */
public interface RegisterProjection {

  /** The register this projection folds, e.g. {@code landregister}. */
  String register();

  /** Applies one entry's event and returns the outcome a client of the write gets. */
  AppliedOutcome apply(JournalEntry entry, JsonNode event);
}
