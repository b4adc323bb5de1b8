package org.dataembassy.runtime.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.KeyGenerator;
import org.dataembassy.runtime.LocalSite;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.controlplane.SiteRole;
import org.dataembassy.runtime.crypto.PayloadCipher;
import org.dataembassy.runtime.crypto.keys.DataKeyRing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint after an idle write: written at the next sequence of the write's own epoch, tried
 * again while that epoch lasts, and never once another epoch began (CI-35: a checkpoint retried by
 * a site active again in a later epoch took a sequence its successor had used).
 */
class CheckpointTest {

  /** The control plane as this site sees it: who is active, from which sequence. */
  private static final class Plane implements ControlPlane {
    volatile String active = "home";
    volatile long epoch = 3;
    volatile long startSequence = 30;
    volatile boolean leased = true;

    @Override
    public Optional<String> activeSite() {
      return Optional.of(active);
    }

    @Override
    public long epoch() {
      return epoch;
    }

    @Override
    public SiteRole roleOf(String siteId) {
      return siteId.equals(active) && leased ? SiteRole.ACTIVE : SiteRole.STANDBY;
    }

    @Override
    public long epochStartSequence() {
      return startSequence;
    }

    @Override
    public Optional<String> activeSiteOf(long e) {
      return e == epoch ? Optional.of(active) : Optional.empty();
    }
  }

  /** The projections' head, moved only by what the writer applies. */
  private static final class Head extends JournalApplier {
    long sequence;
    String hash = JournalEntry.GENESIS_HASH;

    @Override
    public long appliedSequence() {
      return sequence;
    }

    @Override
    public String lastHash() {
      return hash;
    }

    @Override
    AppliedOutcome apply(JournalEntry entry) {
      assertThat(entry.sequence()).isEqualTo(sequence + 1);
      sequence = entry.sequence();
      hash = entry.hash();
      return new AppliedOutcome(204, null, null, sequence);
    }
  }

  /** The replicated journal: records appends, or refuses them. */
  private static final class Store implements JournalStore {
    final List<JournalEntry> appended = new ArrayList<>();
    volatile boolean refuse;

    @Override
    public void append(JournalEntry entry) {
      if (refuse) {
        throw new NotSent(org.dataembassy.runtime.rest.CommonProblem.REPLICATION_UNAVAILABLE, "no embassy online", 1);
      }
      appended.add(entry);
    }

    @Override
    public Optional<JournalEntry> get(long sequence, long epoch) {
      return appended.stream().filter(e -> e.sequence() == sequence && e.epoch() == epoch).findFirst();
    }
  }

  private final Plane plane = new Plane();
  private final Head head = new Head();
  private final Store store = new Store();
  private JournalWriter writer;

  @BeforeEach
  void writer() throws Exception {
    KeyGenerator keys = KeyGenerator.getInstance("AES");
    keys.init(256);
    writer = new JournalWriter();
    writer.applier = head;
    writer.store = store;
    writer.codec = new JournalCodec(new PayloadCipher(DataKeyRing.single(keys.generateKey())));
    writer.controlPlane = plane;
    writer.metrics = new SimpleMeterRegistry();
    writer.signatures =
        new EntrySignatureCheck(plane, new org.dataembassy.runtime.crypto.SiteSignatures(site -> Optional.empty()));
    writer.signer =
        new org.dataembassy.runtime.crypto.SiteSigner() {
          @Override
          public String site() {
            return "home";
          }

          @Override
          public String sign(byte[] message) {
            return "signature";
          }
        };
    writer.site =
        new LocalSite() {
          @Override
          public String id() {
            return "home";
          }

          @Override
          public boolean isActive() {
            return plane.roleOf("home") == SiteRole.ACTIVE;
          }
        };
    head.sequence = 41;
  }

  @Test
  void shouldFollowTheLastWriteInItsEpoch() {
    assertThat(writer.checkpointAfter(3, 41)).isTrue();

    assertThat(store.appended).singleElement().satisfies(entry -> {
      assertThat(entry.sequence()).isEqualTo(42);
      assertThat(entry.epoch()).isEqualTo(3);
      assertThat(entry.register()).isEqualTo(Checkpoints.REGISTER);
    });
    assertThat(head.sequence).isEqualTo(42);
  }

  @Test
  void shouldNotBeWrittenOnceAnotherEpochBeganEvenIfThisSiteIsActiveAgain() {
    // home handed over in epoch 4 and was switched back in epoch 5, from sequence 43; its journal
    // still ends at 41 (42, lux's, not yet folded): a checkpoint at 42 would take lux's sequence
    plane.epoch = 5;
    plane.startSequence = 43;

    assertThat(writer.checkpointAfter(3, 41)).as("settled: not wanted").isTrue();
    assertThat(writer.checkpointAfter(5, JournalWriter.HEAD)).as("settled: below the epoch").isTrue();
    assertThat(store.appended).isEmpty();
  }

  @Test
  void shouldBeTriedAgainWhileTheLeaseIsBackInTheSameEpoch() {
    plane.leased = false;
    assertThat(writer.checkpointAfter(3, 41)).as("wanted later").isFalse();
    store.refuse = true;
    plane.leased = true;
    assertThat(writer.checkpointAfter(3, 41)).as("append refused: wanted later").isFalse();
    store.refuse = false;

    assertThat(writer.checkpointAfter(3, 41)).isTrue();
    assertThat(store.appended).extracting(JournalEntry::sequence).containsExactly(42L);
  }

  @Test
  void shouldWaitWhileASwitchoverHandsOverAndNotAfterALaterWrite() {
    writer.quiesce();
    assertThat(writer.checkpointAfter(3, 41)).isFalse();
    writer.resume();
    head.sequence = 45; // written meanwhile: its own successor certifies 41

    assertThat(writer.checkpointAfter(3, 41)).isTrue();
    assertThat(store.appended).isEmpty();
  }

  @Test
  void shouldFollowWhateverTheSiteHoldsWhenAskedForTheHead() {
    assertThat(writer.checkpointAfter(3, JournalWriter.HEAD)).isTrue();
    assertThat(store.appended).extracting(JournalEntry::sequence).containsExactly(42L);
  }

  @Test
  void shouldRetryUntilWrittenThenStop() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch written = new CountDownLatch(1);
    CheckpointScheduler scheduler = new CheckpointScheduler();
    scheduler.controlPlane = plane;
    scheduler.writer =
        new JournalWriter() {
          @Override
          boolean checkpointAfter(long epoch, long sequence) {
            assertThat(epoch).isEqualTo(3);
            assertThat(sequence).isEqualTo(41);
            if (attempts.incrementAndGet() < 3) {
              return false; // e.g. the lease renewal is late
            }
            written.countDown();
            return true;
          }
        };
    try {
      scheduler.scheduleAfter(3, 41);
      assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
      // nothing is tried after it was written (a retry would come within RETRY_MS)
      TimeUnit.MILLISECONDS.sleep(3 * CheckpointScheduler.RETRY_MS);
      assertThat(attempts.get()).isEqualTo(3);
    } finally {
      scheduler.stop(null);
    }
  }
}
