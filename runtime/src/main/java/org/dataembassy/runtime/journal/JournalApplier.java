package org.dataembassy.runtime.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.dataembassy.runtime.LocalSite;
import org.dataembassy.runtime.concurrent.DaemonThreads;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.idempotency.IdempotencyStore;
import org.dataembassy.runtime.persistence.ProjectionCursor;
import org.dataembassy.runtime.persistence.ProjectionDatabase;
import org.jboss.logging.Logger;

/**
 * Folds the journal into this site's projections, in sequence order, exactly once: each entry is
 * applied in one transaction with the cursor that records it. On a standby it runs continuously;
 * on the active site the writer applies each entry it appends under the same lock.
 *
 * <p>Before applying, the entry's hash and its link to the previous entry are checked; a broken
 * chain stops the applier (the site turns unready) instead of folding a forged entry.
 */
@ApplicationScoped
public class JournalApplier {

  private static final Logger LOG = Logger.getLogger(JournalApplier.class);
  private static final long IDLE_POLL_MILLIS = 50;

  @Inject JournalStore store;
  @Inject JournalCodec codec;
  @Inject ProjectionDatabase database;
  @Inject IdempotencyStore idempotency;
  @Inject Instance<RegisterProjection> projectionBeans;
  @Inject ControlPlane controlPlane;
  @Inject LocalSite site;
  @Inject EntrySignatureCheck signatures;
  @Inject MeterRegistry metrics;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition newEntries = lock.newCondition();
  private final Map<String, RegisterProjection> projections = new HashMap<>();
  private volatile long appliedSequence;
  private volatile String lastHash = JournalEntry.GENESIS_HASH;
  /** Epoch of the last entry applied in this process (1 until then): where searches stop. */
  private volatile long appliedEpoch = 1;
  private volatile String haltReason;
  private volatile boolean running;
  private Thread thread;

  void onStart(@Observes StartupEvent event) {
    projectionBeans.forEach(p -> projections.put(p.register(), p));
    projections.put(Checkpoints.REGISTER, new Checkpoints());
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              ProjectionCursor cursor =
                  database.em().find(ProjectionCursor.class, ProjectionCursor.SINGLETON_ID);
              if (cursor != null) {
                appliedSequence = cursor.appliedSequence;
                lastHash = cursor.lastHash;
              }
            });
    LOG.infof("EMB-JR-001 projections at journal sequence %d", appliedSequence);
    running = true;
    thread = DaemonThreads.named("journal-applier").newThread(this::run);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  /** The last sequence folded into this site's projections. */
  public long appliedSequence() {
    return appliedSequence;
  }

  /** The hash of the last applied entry (the head of the verified chain). */
  public String lastHash() {
    return lastHash;
  }

  /** Why the applier stopped (a broken chain, an unreadable entry), if it did. */
  public Optional<String> haltReason() {
    return Optional.ofNullable(haltReason);
  }

  /** Wakes the applier: new entries may have arrived. */
  public void signal() {
    if (lock.tryLock()) {
      try {
        newEntries.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Serialises writers with the applier; the writer holds it from decision to application. */
  ReentrantLock lock() {
    return lock;
  }

  /** Applies every entry present after the cursor; returns how many. Caller holds the lock. */
  int applyAvailable() {
    int applied = 0;
    // The active site folds what it holds; a standby only entries the active site went on from
    // (their successor is chained to them): a write the active site could not acknowledge, which
    // may have reached this site anyway, never gets a successor, and is superseded.
    boolean certified = !site.isActive();
    while (haltReason == null) {
      Optional<JournalEntry> next = entryAt(appliedSequence + 1);
      if (next.isEmpty() || fromDeposedSite(next.get()) || !signedByItsEpochsActiveSite(next.get())) {
        break;
      }
      if (certified) {
        Optional<JournalEntry> after = entryAt(appliedSequence + 2);
        if (after.isEmpty()
            || fromDeposedSite(after.get())
            || !after.get().previousHash().equals(next.get().hash())
            || !signedByItsEpochsActiveSite(after.get())) {
          break;
        }
      }
      apply(next.get());
      applied++;
    }
    return applied;
  }

  /**
   * The sequence this site's projections reflect: the last entry folded, or the next one if that
   * is a checkpoint (a no-op that only waits for a successor of its own).
   */
  public long reflectedSequence() {
    long applied = appliedSequence;
    return entryAt(applied + 1)
        .filter(e -> Checkpoints.is(e) && !fromDeposedSite(e) && signedByItsEpochsActiveSite(e))
        .map(e -> applied + 1)
        .orElse(applied);
  }

  /**
   * The highest sequence up to which this site holds every entry (applied or not yet): how
   * caught up it is as a candidate for promotion.
   */
  public long storedSequence() {
    long sequence = appliedSequence;
    while (entryAt(sequence + 1).filter(e -> !fromDeposedSite(e) && signedByItsEpochsActiveSite(e)).isPresent()) {
      sequence++;
    }
    return sequence;
  }

  /**
   * The entry at {@code sequence} of the latest epoch that has one, from the current epoch down to
   * the epoch of the last entry applied (epochs never decrease along the journal).
   */
  private Optional<JournalEntry> entryAt(long sequence) {
    return store.latest(sequence, controlPlane.epoch(), appliedEpoch);
  }

  /**
   * An entry at or after the current epoch's first sequence that carries an older epoch was written
   * by a site that had lost its lease: it is not valid, and the active site's entry will replace it.
   */
  private boolean fromDeposedSite(JournalEntry entry) {
    boolean stale =
        entry.epoch() < controlPlane.epoch()
            && entry.sequence() >= controlPlane.epochStartSequence();
    if (stale && staleLogged != entry.sequence()) {
      staleLogged = entry.sequence();
      LOG.warnf(
          "EMB-JR-004 journal entry %d of epoch %d is not valid in epoch %d (from sequence %d); waiting for the active site's",
          entry.sequence(), entry.epoch(), controlPlane.epoch(), controlPlane.epochStartSequence());
    }
    return stale;
  }

  private volatile long staleLogged = -1;
  private volatile String forgeryLogged = "";

  /**
   * Only the epoch's active site writes: an entry not signed by it (put into the replicated journal
   * by another site, or forged) is never folded, counted and logged once; the site goes on and
   * waits for the active site's entry at that sequence.
   */
  private boolean signedByItsEpochsActiveSite(JournalEntry entry) {
    EntrySignatureCheck.Verdict verdict = signatures.check(entry);
    if (verdict instanceof EntrySignatureCheck.Verdict.Invalid invalid) {
      String key = entry.sequence() + "/" + entry.epoch() + "/" + entry.hash();
      if (!key.equals(forgeryLogged)) {
        forgeryLogged = key;
        metrics.counter("embassy.journal.entries.refused", "reason", "signature").increment();
        LOG.errorf(
            "EMB-JR-005 journal entry %d of epoch %d refused: %s; not folded",
            entry.sequence(), entry.epoch(), invalid.reason());
      }
      return false;
    }
    return verdict instanceof EntrySignatureCheck.Verdict.Valid;
  }

  /** Applies one entry, which must be the next one. Caller holds the lock. */
  AppliedOutcome apply(JournalEntry entry) {
    if (haltReason != null) {
      throw new IllegalStateException("journal applier halted: " + haltReason);
    }
    if (entry.sequence() != appliedSequence + 1
        || !entry.previousHash().equals(lastHash)
        || !entry.hashMatches()) {
      return halt(
          entry.sequence(),
          "journal entry " + entry.sequence() + " does not chain to entry " + appliedSequence);
    }
    JournalPayload payload;
    try {
      payload = codec.open(entry);
    } catch (GeneralSecurityException e) {
      return halt(entry.sequence(), "journal entry " + entry.sequence() + " cannot be opened");
    }
    RegisterProjection projection = projections.get(entry.register());
    if (projection == null) {
      return halt(entry.sequence(), "no projection for register " + entry.register());
    }
    AppliedOutcome outcome =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  AppliedOutcome result = projection.apply(entry, payload.event());
                  if (payload.idempotencyKey() != null) {
                    idempotency.record(payload.idempotencyKey(), payload.requestHash(), result);
                  }
                  ProjectionCursor cursor =
                      database.em().find(ProjectionCursor.class, ProjectionCursor.SINGLETON_ID);
                  if (cursor == null) {
                    cursor = new ProjectionCursor();
                    cursor.appliedSequence = entry.sequence();
                    cursor.lastHash = entry.hash();
                    database.em().persist(cursor);
                  } else {
                    cursor.appliedSequence = entry.sequence();
                    cursor.lastHash = entry.hash();
                  }
                  return result;
                });
    appliedSequence = entry.sequence();
    lastHash = entry.hash();
    appliedEpoch = entry.epoch();
    return outcome;
  }

  private AppliedOutcome halt(long sequence, String reason) {
    haltReason = reason;
    LOG.errorf("EMB-JR-002 journal applier stopped at sequence %d: %s", sequence, reason);
    throw new IllegalStateException(reason);
  }

  private void run() {
    while (running) {
      lock.lock();
      try {
        try {
          applyAvailable();
        } catch (RuntimeException e) {
          if (haltReason == null) {
            LOG.warnf("EMB-JR-003 applying the journal failed, will retry: %s", e.getMessage());
          }
        }
        newEntries.await(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  /** Exposed for the projection: an event decoded to the given type. */
  public static <T> T read(JsonNode event, Class<T> type) {
    return JournalCodec.json().convertValue(event, type);
  }
}
