package org.dataembassy.site.it;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client registering parcels in a loop at one site (from the test process), keeping every
 * outcome: the ids acknowledged (201) and every failure with its status and body. Bounded in time.
 */
public final class WriterLoop extends Thread {

  private final FederationHarness sites;
  private final String site;
  private final int block;
  private final Duration limit;
  private final AtomicBoolean running = new AtomicBoolean(true);
  public final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
  public final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

  /**
   * @param block the cadastral block its ids use ({@code 78401:BLOCK:NNNN}), distinct per writer
   */
  public WriterLoop(FederationHarness sites, String site, int block, Duration limit) {
    super("writer-" + site + "-" + block);
    this.sites = sites;
    this.site = site;
    this.block = block;
    this.limit = limit;
  }

  @Override
  public void run() {
    Instant deadline = Instant.now().plus(limit);
    for (int n = 0; running.get() && Instant.now().isBefore(deadline); n++) {
      String id = Parcels.id(block + n / 10_000, n % 10_000);
      try {
        Response r = sites.at(site).contentType(ContentType.JSON).body(Parcels.parcel(id)).post("/parcels");
        if (r.statusCode() == 201) {
          acknowledged.add(id);
        } else {
          failures.add(id + " " + r.statusCode() + " " + r.asString());
        }
      } catch (RuntimeException e) {
        failures.add(id + " " + e);
      }
    }
  }

  /** Stops after the request in progress and waits for it. */
  public void finish() throws InterruptedException {
    running.set(false);
    join(60_000);
  }
}
