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

  /** The outcome of a write, and whether it was replayed from an earlier identical request. */
  public record Result(AppliedOutcome outcome, boolean replayed) {}

  /**
   * Journals the event {@code decide} returns, or throws the problem it throws.
   *
   * @param decide validates the request against the current projection (inside a read
   *     transaction) and returns the event to journal; runs while no other write can interleave
   */
  public Result write(WriteCommand command, Supplier<PendingEvent> decide) {
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
      return new Result(applier.apply(entry), false);
    } finally {
      lock.unlock();
    }
  }
}
