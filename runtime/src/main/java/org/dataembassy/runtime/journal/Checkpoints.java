package org.dataembassy.runtime.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Checkpoint entries: no-op journal entries the active site appends when writes pause, so that the
 * last write has a successor chained to it. A standby folds an entry only once a successor
 * chained to it shows the active site went on from it (it was acknowledged, or superseded by
 * nothing); a write the active site could not acknowledge never gets one. A checkpoint changes no
 * register.
 */
final class Checkpoints implements RegisterProjection {

  static final String REGISTER = "journal";
  static final String TYPE = "checkpoint";

  static boolean is(JournalEntry entry) {
    return REGISTER.equals(entry.register());
  }

  @Override
  public String register() {
    return REGISTER;
  }

  @Override
  public AppliedOutcome apply(JournalEntry entry, JsonNode event) {
    return new AppliedOutcome(204, null, JsonNodeFactory.instance.nullNode(), entry.sequence());
  }
}
