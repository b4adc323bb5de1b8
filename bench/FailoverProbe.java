import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One unplanned-failover cycle of the local federation ({@code java bench/FailoverProbe.java DATA_DIR RUN}):
 * finds the active site, starts a client writing through a standby every 10 ms, kills the active
 * site with SIGKILL, and measures detection (kill → new epoch committed, seen at a survivor) and
 * the first acknowledged write after the kill. Prints one line; the killed site's id is the last
 * word, for the caller to restart it.
 */
public class FailoverProbe {

  static final Map<String, String> SITES = new LinkedHashMap<>();
  static {
    SITES.put("home", "127.0.0.11");
    SITES.put("lux", "127.0.0.12");
    SITES.put("emb2", "127.0.0.13");
  }

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    int run = Integer.parseInt(args[1]);
    HttpClient http = LandRegisterLoad.client(data.resolve("ca.pem"), data.resolve("operator")); // the operator's certificate
    String active = null;
    long epoch = -1;
    for (String site : SITES.keySet()) {
      String self = get(http, site, "/sites/self");
      if (self != null && self.contains("\"role\":\"ACTIVE\"")) {
        active = site;
        epoch = number(self, "epoch");
      }
    }
    if (active == null) throw new IllegalStateException("no active site");
    final String killed = active;
    // write through the standby with the lowest priority: it survives and forwards to whoever is active
    String through = SITES.keySet().stream().filter(s -> !s.equals(killed)).reduce((a, b) -> b).orElseThrow();
    long pid = Long.parseLong(Files.readString(data.resolve(active).resolve("site.pid")).trim());

    AtomicLong killedAt = new AtomicLong();
    AtomicLong deadAt = new AtomicLong(); // the killed JVM has exited: nothing it had under way counts
    AtomicLong firstWrite = new AtomicLong();
    AtomicInteger acknowledged = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Thread writer = new Thread(() -> {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      for (int n = 0; firstWrite.get() == 0 && System.nanoTime() < deadline; n++) {
        String id = String.format("%05d:%03d:%04d", 60000 + run, n / 10000, n % 10000);
        boolean sentAfterDeath = deadAt.get() != 0;
        int status = post(http, through, id);
        if (status == 201) {
          acknowledged.incrementAndGet();
          // only a write sent once the old active site was gone can have been taken by the new one
          if (sentAfterDeath) firstWrite.compareAndSet(0, System.nanoTime());
        } else if (killedAt.get() != 0) {
          failed.incrementAndGet();
        }
        try { Thread.sleep(10); } catch (InterruptedException e) { return; } // client pacing: one write per 10 ms
      }
    });
    writer.start();
    long warmUpDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (acknowledged.get() < 10) {
      if (System.nanoTime() > warmUpDeadline) throw new IllegalStateException("no write acknowledged before the kill");
      Thread.sleep(20); // bounded: the client must get 10 writes through first
    }

    killedAt.set(System.nanoTime());
    ProcessHandle victim = ProcessHandle.of(pid).orElseThrow();
    victim.destroyForcibly();
    // not onExit(): for a process that is not its child the JDK polls every 300 ms + 30 ms more
    // each time, which put 1.8-2.3 s of its own into every figure before (docs/benchmarks.md)
    // nor isAlive(): a killed site is a zombie until PID 1 reaps it, which took 1-2 s here
    long exitDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!exited(pid) && System.nanoTime() < exitDeadline) {
      Thread.sleep(1);
    }
    deadAt.set(System.nanoTime());
    long detected = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (detected == 0 && System.nanoTime() < deadline) {
      String self = get(http, through, "/sites/self");
      if (self != null && number(self, "epoch") > epoch) detected = System.nanoTime();
      else Thread.sleep(10);
    }
    writer.join(35_000);
    System.out.printf("run %d killed=%s detect_ms=%d first_write_ms=%d exit_ms=%d failed_requests_during=%d killed %s%n",
        run, active, (detected - killedAt.get()) / 1_000_000, (firstWrite.get() - killedAt.get()) / 1_000_000,
        (deadAt.get() - killedAt.get()) / 1_000_000, failed.get(), active);
  }

  static long number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  static String get(HttpClient http, String site, String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://" + SITES.get(site) + ":8443" + path))
          .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (Exception e) {
      return null;
    }
  }

  static int post(HttpClient http, String site, String id) {
    String body = "{\"cadastralId\":\"" + id + "\",\"address\":\"Tamme 5\",\"areaM2\":100,\"purpose\":\"residential\","
        + "\"owners\":[{\"personalCode\":\"38001010009\",\"name\":\"Mari Maasikas\",\"share\":\"1/1\"}]}";
    try {
      return http.send(HttpRequest.newBuilder(URI.create("https://" + SITES.get(site) + ":8443/parcels"))
          .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  /** Whether the process has exited: gone, or a zombie (state Z) waiting to be reaped. */
  static boolean exited(long pid) {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (java.io.IOException e) {
      return true;
    }
  }
}
