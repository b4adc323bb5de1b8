package org.dataembassy.runtime.journal;

import org.dataembassy.runtime.crypto.SiteSigner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.dataembassy.runtime.LocalSite;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.idempotency.IdempotencyStore;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;
import org.jboss.logging.Logger;

/**
 * The write path at the active site: one write at a time, each decided against the current
 * projection, journaled (sealed, chained, replicated synchronously), then applied locally before
 * the client is answered. A retry with the same {@code Idempotency-Key} gets the recorded outcome.
 */
@ApplicationScoped
public class JournalWriter {

  @Inject JournalApplier applier;
  @Inject JournalStore store;
  @Inject JournalCodec codec;
  @Inject IdempotencyStore idempotency;
  @Inject ControlPlane controlPlane;
  @Inject LocalSite site;
  @Inject MeterRegistry metrics;
  @Inject AcknowledgementRecord acknowledgements;
  @Inject CheckpointScheduler checkpoints;
  @Inject SiteSigner signer;
  @Inject EntrySignatureCheck signatures;

  private static final Logger LOG = Logger.getLogger(JournalWriter.class);
  /** The last append was not acknowledged: the next one opens a new epoch first. */
  private volatile boolean uncertain;
  /** A planned switchover is handing over: no checkpoint may slip in behind its back. */
  private volatile boolean quiesced;

  private final Clock clock = Clock.systemUTC();

  /**
   * While the control plane names this site active but its lease lapsed for a moment (a new Raft
   * leader is being elected), wait briefly for the renewal rather than refuse the write.
   */
  private void awaitLease() {
    long deadline = System.nanoTime() + LEASE_WAIT_NANOS;
    while (!site.isActive()
        && controlPlane.activeSite().filter(site.id()::equals).isPresent()
        && System.nanoTime() - deadline < 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
  }

  private static final long LEASE_WAIT_NANOS = 3_000_000_000L;

  /** The outcome of a write, and whether it was replayed from an earlier identical request. */
  public record Result(AppliedOutcome outcome, boolean replayed) {}

  /**
   * Journals the event {@code decide} returns, or throws the problem it throws.
   *
   * @param decide validates the request against the current projection (inside a read
   *     transaction) and returns the event to journal; runs while no other write can interleave
   */
  public Result write(WriteCommand command, Supplier<PendingEvent> decide) {
    awaitLease();
    if (!site.isActive()) {
      throw new ProblemException(
          CommonProblem.NOT_ACTIVE, "Site " + site.id() + " is not the active site.", java.util.List.of(), 1);
    }
    var lock = applier.lock();
    lock.lock();
    try {
      applier.applyAvailable();
      if (command.idempotencyKey() != null) {
        Optional<AppliedOutcome> earlier =
            QuarkusTransaction.requiringNew()
                .call(() -> idempotency.find(command.idempotencyKey(), command.requestHash()));
        if (earlier.isPresent()) {
          return new Result(earlier.get(), true);
        }
      }
      PendingEvent event = QuarkusTransaction.requiringNew().call(decide::get);
      JournalEntry entry = journal(command, event);
      AppliedOutcome outcome = applier.apply(entry);
      // The lease may have lapsed while the entry was being replicated (the Raft leader was lost,
      // say): once it is renewed in the entry's own epoch, no other site was promoted meanwhile
      // and the entry, confirmed by the embassies, can be acknowledged like any other.
      awaitLease();
      if (!site.isActive() || controlPlane.epoch() != entry.epoch()) {
        // Not renewed, or another epoch began: this site may no longer acknowledge. The entry
        // stands if the next active site holds it; a retry with the same Idempotency-Key tells
        // which.
        throw new ProblemException(
            CommonProblem.NOT_ACTIVE,
            "Site " + site.id() + " lost its lease while writing; the outcome is uncertain. Retry with the same Idempotency-Key.",
            java.util.List.of(),
            1);
      }
      acknowledgements.acknowledged(entry.epoch(), entry.sequence(), Instant.now());
      checkpoints.scheduleAfter(entry.epoch(), entry.sequence());
      return new Result(outcome, false);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Appends a checkpoint if this site, still active in {@code epoch}, journaled nothing since
   * {@code sequence} ({@link #HEAD}: whatever it holds): the last write then has a successor, and
   * the standbys fold it (see {@link Checkpoints}). Returns false if it could not be written now but
   * is still wanted (the lease lapsed for a moment in this epoch, the lock busy, a switchover
   * handing over that may yet fail, the append refused): the scheduler tries again.
   *
   * <p>Bound to its epoch: once another epoch began (here or at another site) it is never written —
   * a site active again later, its journal then ending in another site's entries, would put it at a
   * sequence the epoch's active site has already used. Nor below the epoch's first sequence.
   */
  boolean checkpointAfter(long epoch, long sequence) {
    if (controlPlane.epoch() != epoch) {
      return true; // not wanted: a later epoch's own entries certify what came before
    }
    if (!site.isActive()) {
      return false;
    }
    var lock = applier.lock();
    try {
      // the applier's poll holds the lock for moments; a write for as long as it takes, and is
      // then the successor itself
      if (!lock.tryLock(1, java.util.concurrent.TimeUnit.SECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
    try {
      long head = applier.appliedSequence();
      if (controlPlane.epoch() != epoch
          || head == 0
          || (sequence != HEAD && head != sequence)
          || head + 1 < controlPlane.epochStartSequence()) {
        return true; // not wanted: another epoch, a later entry is the successor, or not ours
      }
      if (quiesced || !site.isActive()) {
        return false;
      }
      JournalEntry entry =
          journal(new WriteCommand(Checkpoints.REGISTER, null, null), new PendingEvent(Checkpoints.TYPE, Map.of()));
      applier.apply(entry);
      return true;
    } catch (RuntimeException e) {
      LOG.debugf("checkpoint after %d in epoch %d not written: %s", sequence, epoch, e.toString());
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** For {@link #checkpointAfter}: the last entry this site holds, whichever it is. */
  static final long HEAD = -1;

  /**
   * For a planned switchover (whose gate already holds the writes): stops journaling checkpoints
   * and returns once none is under way, so the journal's last sequence stays put until {@link
   * #resume()}.
   */
  public void quiesce() {
    quiesced = true;
    var lock = applier.lock();
    lock.lock();
    lock.unlock();
  }

  public void resume() {
    quiesced = false;
  }

  /** Seals, chains and replicates one entry at the next sequence. Caller holds the lock. */
  private JournalEntry journal(WriteCommand command, PendingEvent event) {
    if (uncertain) {
      openNewEpoch();
    }
    long sequence = applier.appliedSequence() + 1;
    long epoch = controlPlane.epoch();
    JournalPayload payload =
        new JournalPayload(
            JournalCodec.json().valueToTree(event.body()), command.idempotencyKey(), command.requestHash());
    String associatedData = JournalEntry.associatedData(sequence, epoch, command.register(), event.type());
    JournalEntry entry =
        JournalEntry.create(
            sequence,
            epoch,
            command.register(),
            event.type(),
            clock.instant(),
            site.id(),
            codec.seal(payload, associatedData),
            applier.lastHash());
    entry = entry.withSignature(signer.sign(entry.hash().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    signatures.signedHere(entry);
    Timer.Sample sample = Timer.start(metrics);
    try {
      store.append(entry);
    } catch (RuntimeException e) {
      // Not acknowledged, but unless it was refused before it was sent it may have reached an
      // embassy (only the answer was lost) and be delivered there late: the next entry must not
      // take its place in the same epoch.
      uncertain = uncertain || !(e instanceof JournalStore.NotSent);
      metrics.counter("embassy.journal.append.refused").increment();
      throw e;
    }
    sample.stop(metrics.timer("embassy.journal.append"));
    return entry;
  }

  /**
   * After a write it could not acknowledge, the active site opens a new epoch for itself before it
   * journals anything else: the next entry, at the same sequence, then supersedes the unacknowledged
   * one wherever that one turns up (a later epoch wins; docs/infinispan-notes.md).
   */
  private void openNewEpoch() {
    long next = applier.appliedSequence() + 1;
    if (!controlPlane.beginNewEpoch(next, "a write at sequence " + next + " could not be acknowledged")) {
      throw new ProblemException(
          CommonProblem.NOT_ACTIVE,
          "Site " + site.id() + " could not open a new epoch through the control plane; retry shortly.",
          java.util.List.of(),
          1);
    }
    LOG.warnf("EMB-JN-041 epoch %d opened at sequence %d after an unacknowledged write", controlPlane.epoch(), next);
    uncertain = false;
  }
}
