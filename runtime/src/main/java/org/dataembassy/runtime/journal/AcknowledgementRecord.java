package org.dataembassy.runtime.journal;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * When this site acknowledged writes, epoch by epoch: the first and last acknowledgement of each
 * run of writes in one epoch (a new run starts when the epoch changes). With the clocks of one
 * host, or synchronised ones, the runs of all sites show whether two sites ever acknowledged
 * writes in overlapping periods — which fencing must make impossible.
 */
@ApplicationScoped
public class AcknowledgementRecord {

  private static final Logger LOG = Logger.getLogger(AcknowledgementRecord.class);
  private static final int KEPT = 1_000;

  /** A run of acknowledged writes in one epoch. */
  public record Window(long epoch, Instant first, Instant last, long firstSequence, long lastSequence, long count) {}

  private final List<Window> windows = new ArrayList<>();

  /** Notes that the write at {@code sequence} of {@code epoch} is being acknowledged now. */
  public synchronized void acknowledged(long epoch, long sequence, Instant at) {
    Window current = windows.isEmpty() ? null : windows.get(windows.size() - 1);
    if (current != null && current.epoch() == epoch) {
      windows.set(
          windows.size() - 1,
          new Window(epoch, current.first(), at, current.firstSequence(), sequence, current.count() + 1));
      return;
    }
    LOG.infof("EMB-JN-040 acknowledging writes in epoch %d from sequence %d", epoch, sequence);
    windows.add(new Window(epoch, at, at, sequence, sequence, 1));
    if (windows.size() > KEPT) {
      windows.remove(0);
    }
  }

  /** The runs, oldest first. */
  public synchronized List<Window> windows() {
    return List.copyOf(windows);
  }
}
