package org.dataembassy.cli.drill;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.dataembassy.cli.federation.SiteClient;

/**
 * A drill's own load while it runs: one write every 100 ms with an {@code Idempotency-Key} to the
 * address the federation's DNS gives for {@code land.<zone>} (a write not acknowledged is retried
 * with the same key, as a careful client does), and a read of the newest acknowledged parcel at
 * every surviving site every 200 ms (a 404 there is a stale read). Everything is recorded.
 */
final class ProbeLoad {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** A write the federation acknowledged: its parcel, when, and which site. */
  record Acknowledged(String cadastralId, long atMs, String site) {}

  private final SiteClient operator;
  private final Supplier<Optional<String>> serviceAddress;
  private final Supplier<Map<String, String>> survivors;
  private final int httpsPort;
  private final long startNanos;
  private final String municipality;
  private final ConcurrentLinkedQueue<ProbeSample> samples = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;
  private final List<Thread> threads = new ArrayList<>();
  private int next = 1;

  /**
   * @param serviceAddress where {@code land.<zone>} points now (the federation's DNS)
   * @param survivors the sites to read at, by id, with their addresses
   */
  ProbeLoad(SiteClient operator, Supplier<Optional<String>> serviceAddress, Supplier<Map<String, String>> survivors,
      int httpsPort, long startNanos) {
    this.operator = operator;
    this.serviceAddress = serviceAddress;
    this.survivors = survivors;
    this.httpsPort = httpsPort;
    this.startNanos = startNanos;
    this.municipality = String.format("%05d", 10_000 + new SecureRandom().nextInt(90_000));
  }

  void start() {
    for (var job : List.<Runnable>of(this::writes, this::reads)) {
      Thread thread = new Thread(job, "drill-probe-" + threads.size());
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
  }

  void stop() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join(5_000);
    }
  }

  List<ProbeSample> samples() {
    return List.copyOf(samples);
  }

  List<Acknowledged> acknowledged() {
    return List.copyOf(acknowledged);
  }

  private long now() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private void writes() {
    String id = null;
    String key = null;
    while (running) {
      long began = System.nanoTime();
      if (id == null) {
        id = municipality + ":999:" + String.format("%04d", next++);
        key = UUID.randomUUID().toString();
      }
      Optional<String> address = serviceAddress.get();
      long at = now();
      if (address.isEmpty()) {
        samples.add(new ProbeSample(at, "write", null, -1, null, false));
      } else {
        String body = "{\"cadastralId\":\"" + id + "\",\"address\":\"Drill\",\"areaM2\":1,\"purpose\":\"residential\","
            + "\"owners\":[{\"personalCode\":\"38001010009\",\"name\":\"Drill\",\"share\":\"1/1\"}]}";
        SiteClient.Probed answer = operator.probe("https://" + address.get() + ":" + httpsPort + "/parcels", body, key, TIMEOUT);
        boolean ok = answer.status() == 201 || answer.status() == 200;
        samples.add(new ProbeSample(at, "write", address.get(), answer.status(), answer.site(), ok));
        if (ok) {
          acknowledged.add(new Acknowledged(id, now(), answer.site()));
          id = null; // the next write is a new one; a failed one is retried with the same key
        }
      }
      pause(began, 100);
    }
  }

  private void reads() {
    while (running) {
      long began = System.nanoTime();
      Acknowledged newest = null;
      for (Acknowledged a : acknowledged) {
        newest = a;
      }
      if (newest != null) {
        for (var site : survivors.get().entrySet()) {
          long at = now();
          SiteClient.Probed answer = operator.probe(
              "https://" + site.getValue() + ":" + httpsPort + "/parcels/" + newest.cadastralId(), null, null, TIMEOUT);
          samples.add(new ProbeSample(at, answer.status() == 404 ? "stale-read" : "read", site.getKey(), answer.status(),
              answer.site(), answer.status() == 200));
        }
      }
      pause(began, 200);
    }
  }

  private static void pause(long beganNanos, long periodMs) {
    long left = periodMs - (System.nanoTime() - beganNanos) / 1_000_000;
    if (left > 0) {
      try {
        Thread.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
