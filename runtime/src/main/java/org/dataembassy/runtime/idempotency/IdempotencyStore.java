package org.dataembassy.runtime.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.dataembassy.runtime.journal.AppliedOutcome;
import org.dataembassy.runtime.journal.JournalCodec;
import org.dataembassy.runtime.persistence.ProjectionDatabase;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;

/** Looks up and records the outcomes of writes made with an {@code Idempotency-Key}. */
@ApplicationScoped
public class IdempotencyStore {

  @Inject ProjectionDatabase database;

  /**
   * The recorded outcome of an earlier write with this key, if any.
   *
   * @throws ProblemException if the key was used for a different request
   */
  public Optional<AppliedOutcome> find(String key, String requestHash) {
    IdempotencyRecord rec = database.em().find(IdempotencyRecord.class, key);
    if (rec == null) {
      return Optional.empty();
    }
    if (!rec.requestHash.equals(requestHash)) {
      throw new ProblemException(
          CommonProblem.IDEMPOTENCY_KEY_REUSED,
          "This Idempotency-Key was used for a different request; use a new key for a new request.");
    }
    try {
      JsonNode body = JournalCodec.json().readTree(rec.body);
      return Optional.of(new AppliedOutcome(rec.status, rec.location, body, rec.sequence));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable idempotency record", e);
    }
  }

  /** Records an outcome; called by the applier in the transaction that applies the entry. */
  public void record(String key, String requestHash, AppliedOutcome outcome) {
    IdempotencyRecord rec = new IdempotencyRecord();
    rec.key = key;
    rec.requestHash = requestHash;
    rec.status = outcome.status();
    rec.location = outcome.location();
    rec.body = outcome.body().toString();
    rec.sequence = outcome.sequence();
    database.em().merge(rec);
  }
}
