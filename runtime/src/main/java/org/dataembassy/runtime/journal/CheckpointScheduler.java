package org.dataembassy.runtime.journal;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dataembassy.runtime.concurrent.DaemonThreads;
import org.dataembassy.runtime.controlplane.ControlPlane;

/**
 * Asks the writer for a checkpoint {@value #IDLE_MS} ms after a write, if no other write followed
 * (a busy journal certifies itself: each write is the previous one's successor). A checkpoint that
 * cannot be written at that moment (a lease renewal late, a backup refused) is tried again every
 * {@value #RETRY_MS} ms, {@value #ATTEMPTS} times at most, for as long as the epoch of the write
 * lasts: without it a standby shows the last write only after the next one (F0600 in CI-33).
 */
@ApplicationScoped
public class CheckpointScheduler {

  static final long IDLE_MS = 100;
  static final long RETRY_MS = 250;
  static final int ATTEMPTS = 20;

  @Inject JournalWriter writer;
  @Inject ControlPlane controlPlane;

  private final ScheduledExecutorService timer =
      DaemonThreads.scheduler("journal-checkpoint");

  void scheduleAfter(long epoch, long sequence) {
    schedule(epoch, sequence, IDLE_MS, ATTEMPTS);
  }

  private void schedule(long epoch, long sequence, long delayMs, int attemptsLeft) {
    timer.schedule(
        () -> {
          if (!writer.checkpointAfter(epoch, sequence) && attemptsLeft > 1) {
            schedule(epoch, sequence, RETRY_MS, attemptsLeft - 1);
          }
        },
        delayMs,
        TimeUnit.MILLISECONDS);
  }

  /**
   * A site that missed writes has been brought back online: a checkpoint lets it fold the last
   * write it was pushed (which otherwise waits for the next write).
   */
  public void afterReplicationResumed() {
    long epoch = controlPlane.epoch();
    timer.execute(() -> schedule(epoch, JournalWriter.HEAD, 0, ATTEMPTS));
  }

  void stop(@Observes ShutdownEvent event) {
    timer.shutdownNow();
  }
}
