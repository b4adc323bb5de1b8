package org.dataembassy.runtime.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * The site's background threads: named (they show up by name in thread dumps and logs) and daemon
 * (they never keep a stopping site alive).
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  public static ThreadFactory named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** A scheduler with one thread called {@code name}. */
  public static ScheduledExecutorService scheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(named(name));
  }

  /** A scheduler with {@code threads} threads called {@code name}. */
  public static ScheduledExecutorService scheduler(String name, int threads) {
    return Executors.newScheduledThreadPool(threads, named(name));
  }

  /** A fixed pool of {@code threads} threads called {@code name}. */
  public static ExecutorService pool(String name, int threads) {
    return Executors.newFixedThreadPool(threads, named(name));
  }
}
