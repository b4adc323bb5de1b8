package org.dataembassy.runtime.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A checkpoint that cannot be written at once is tried again, and only until it is written. */
class CheckpointSchedulerTest {

  /** A writer whose checkpoint succeeds at the {@code succeedAt}-th attempt. */
  private static final class FlakyWriter extends JournalWriter {
    final AtomicInteger attempts = new AtomicInteger();
    final CountDownLatch written = new CountDownLatch(1);
    final int succeedAt;

    FlakyWriter(int succeedAt) {
      this.succeedAt = succeedAt;
    }

    @Override
    boolean checkpointAfter(long sequence) {
      assertThat(sequence).isEqualTo(41);
      if (attempts.incrementAndGet() < succeedAt) {
        return false; // e.g. the lease renewal is late
      }
      written.countDown();
      return true;
    }
  }

  @Test
  void shouldTryAgainUntilTheCheckpointIsWrittenThenStop() throws Exception {
    CheckpointScheduler scheduler = new CheckpointScheduler();
    FlakyWriter writer = new FlakyWriter(3);
    scheduler.writer = writer;
    try {
      scheduler.scheduleAfter(41);
      assertThat(writer.written.await(10, TimeUnit.SECONDS)).isTrue();
      // nothing is tried after it was written (a retry would come within RETRY_MS)
      TimeUnit.MILLISECONDS.sleep(3 * CheckpointScheduler.RETRY_MS);
      assertThat(writer.attempts.get()).isEqualTo(3);
    } finally {
      scheduler.stop(null);
    }
  }
}
