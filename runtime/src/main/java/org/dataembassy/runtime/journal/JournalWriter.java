package org.dataembassy.runtime.journal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.dataembassy.runtime.LocalSite;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.idempotency.IdempotencyStore;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;

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
      long sequence = applier.appliedSequence() + 1;
      long epoch = controlPlane.epoch();
      JournalPayload payload =
          new JournalPayload(
              JournalCodec.json().valueToTree(event.body()),
              command.idempotencyKey(),
              command.requestHash());
      String associatedData =
          JournalEntry.associatedData(sequence, epoch, command.register(), event.type());
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
      Timer.Sample sample = Timer.start(metrics);
      try {
        store.append(entry);
      } catch (RuntimeException e) {
        metrics.counter("embassy.journal.append.refused").increment();
        throw e;
      }
      sample.stop(metrics.timer("embassy.journal.append"));
      AppliedOutcome outcome = applier.apply(entry);
      if (!site.isActive()) {
        // The lease ran out while the entry was being replicated: this site may no longer
        // acknowledge. The entry stands if the next active site holds it; a retry with the same
        // Idempotency-Key tells which.
        throw new ProblemException(
            CommonProblem.NOT_ACTIVE,
            "Site " + site.id() + " lost its lease while writing; the outcome is uncertain. Retry with the same Idempotency-Key.",
            java.util.List.of(),
            1);
      }
      return new Result(outcome, false);
    } finally {
      lock.unlock();
    }
  }
}
