package org.dataembassy.runtime.forwarding;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets a planned switchover drain the writes in progress at the active site: while it is held, new
 * writes wait (they are not refused); once the writes in progress have finished, the switchover
 * hands over and releases the gate, and the waiting writes are routed again — to the new active
 * site.
 */
@ApplicationScoped
public class WriteGate {

  private final AtomicInteger inFlight = new AtomicInteger();
  private final List<Runnable> waiting = new ArrayList<>();
  private boolean held;

  /** Admits a write now (true), or queues {@code retry} until the gate is released (false). */
  public synchronized boolean admit(Runnable retry) {
    if (held) {
      waiting.add(retry);
      return false;
    }
    inFlight.incrementAndGet();
    return true;
  }

  /** A write admitted by {@link #admit} has been answered. */
  public void finished() {
    inFlight.decrementAndGet();
  }

  /** Stops admitting writes and waits until those in progress are done; false if they are not. */
  public boolean holdAndDrain(Duration timeout) {
    synchronized (this) {
      held = true;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(1_000_000);
    }
    return inFlight.get() == 0;
  }

  /** Admits writes again; the ones that waited are routed anew. */
  public void release() {
    List<Runnable> retries;
    synchronized (this) {
      held = false;
      retries = new ArrayList<>(waiting);
      waiting.clear();
    }
    retries.forEach(Runnable::run);
  }

  public int inFlight() {
    return inFlight.get();
  }
}
