package org.dataembassy.runtime.journal;

import java.util.List;
import java.util.Optional;
import org.dataembassy.runtime.rest.ProblemException;
import org.dataembassy.runtime.rest.ProblemType;

/**
 * Where journal entries are kept and replicated (the replicated cache). An entry is stored under its
 * sequence <em>and</em> its epoch: a write of a deposed active site that reaches a site late (a
 * backup retransmitted after a partition heals) lands beside the new epoch's entry at the same
 * sequence and can never overwrite it (docs/infinispan-notes.md).
 */
public interface JournalStore {

  /** Thrown by {@link #append} when the entry was refused before it was sent anywhere. */
  final class NotSent extends ProblemException {
    public NotSent(ProblemType type, String detail, int retryAfterSeconds) {
      super(type, detail, List.of(), retryAfterSeconds);
    }
  }

  /**
   * Stores an entry and replicates it synchronously. Returns only once enough embassies hold it.
   *
   * @throws org.dataembassy.runtime.rest.ProblemException (503) if it could not be replicated to
   *     enough embassies; the entry is then not kept
   */
  void append(JournalEntry entry);

  /** The entry written at this sequence in this epoch, if this site holds it. */
  Optional<JournalEntry> get(long sequence, long epoch);

  /**
   * The entry at this sequence from the latest epoch that has one, looking at epochs {@code
   * fromEpoch} down to {@code toEpoch}: a later epoch's entry supersedes an earlier one's.
   */
  default Optional<JournalEntry> latest(long sequence, long fromEpoch, long toEpoch) {
    for (long epoch = fromEpoch; epoch >= Math.max(1, toEpoch); epoch--) {
      Optional<JournalEntry> entry = get(sequence, epoch);
      if (entry.isPresent()) {
        return entry;
      }
    }
    return Optional.empty();
  }
}
