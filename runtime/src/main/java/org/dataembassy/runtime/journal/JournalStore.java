package org.dataembassy.runtime.journal;

import java.util.Optional;

/** Where journal entries are kept and replicated (the replicated cache). */
public interface JournalStore {

  /**
   * Stores an entry and replicates it synchronously. Returns only once enough embassies hold it.
   *
   * @throws org.dataembassy.runtime.rest.ProblemException (503) if it could not be replicated to
   *     enough embassies; the entry is then not kept
   */
  void append(JournalEntry entry);

  /** The entry at this sequence, if this site holds it. */
  Optional<JournalEntry> get(long sequence);
}
