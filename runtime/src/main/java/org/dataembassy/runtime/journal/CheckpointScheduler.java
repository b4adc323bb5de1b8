package org.dataembassy.runtime.journal;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dataembassy.runtime.concurrent.DaemonThreads;

/**
 * Asks the writer for a checkpoint {@value #IDLE_MS} ms after a write, if no other write followed
 * (a busy journal certifies itself: each write is the previous one's successor).
 */
@ApplicationScoped
public class CheckpointScheduler {

  static final long IDLE_MS = 100;

  @Inject JournalWriter writer;
  @Inject JournalApplier applier;

  private final ScheduledExecutorService timer =
      DaemonThreads.scheduler("journal-checkpoint");

  void scheduleAfter(long sequence) {
    timer.schedule(() -> writer.checkpointAfter(sequence), IDLE_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * A site that missed writes has been brought back online: a checkpoint lets it fold the last
   * write it was pushed (which otherwise waits for the next write).
   */
  public void afterReplicationResumed() {
    timer.execute(() -> writer.checkpointAfter(applier.appliedSequence()));
  }

  void stop(@Observes ShutdownEvent event) {
    timer.shutdownNow();
  }
}
