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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Load generator for the land register (single-file program: {@code java bench/LandRegisterLoad.java}).
 *
 * <pre>
 * write URL CA_PEM MUNICIPALITY COUNT CONCURRENCY   registers COUNT parcels MUNICIPALITY:bbb:pppp
 * read  URL CA_PEM MUNICIPALITY COUNT CONCURRENCY SECONDS  reads random parcels of those COUNT
 * </pre>
 *
 * Prints one line: mode, requests, errors, throughput and latency percentiles (ms). HTTP/1.1, one
 * connection per client, the state CA as the only trust anchor.
 */
public class LandRegisterLoad {

  public static void main(String[] args) throws Exception {
    if (args.length < 6) {
      System.err.println("usage: write|read URL CA_PEM MUNICIPALITY COUNT CONCURRENCY [SECONDS]");
      System.exit(2);
    }
    String mode = args[0];
    String url = args[1];
    // writes need a caller: the operator's certificate (data/operator/, beside the CA certificate)
    HttpClient client = client(Path.of(args[2]), Path.of(args[2]).toAbsolutePath().getParent().resolve("operator"));
    int municipality = Integer.parseInt(args[3]);
    int count = Integer.parseInt(args[4]);
    int concurrency = Integer.parseInt(args[5]);
    int seconds = args.length > 6 ? Integer.parseInt(args[6]) : 20;

    long[] latencies = new long[mode.equals("write") ? count : 10_000_000];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger recorded = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    java.util.concurrent.ConcurrentHashMap<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(
          pool.submit(
              () -> {
                while (true) {
                  HttpRequest request;
                  if (mode.equals("write")) {
                    int n = next.getAndIncrement();
                    if (n >= count) return null;
                    request = register(url, id(municipality, n));
                  } else {
                    if (System.nanoTime() > deadline) return null;
                    int n = ThreadLocalRandom.current().nextInt(count);
                    request =
                        HttpRequest.newBuilder(URI.create(url + "/parcels/" + id(municipality, n)))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build();
                  }
                  long t0 = System.nanoTime();
                  int status;
                  try {
                    status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                  } catch (Exception e) {
                    status = -1;
                  }
                  long t = System.nanoTime() - t0;
                  int expected = mode.equals("write") ? 201 : 200;
                  if (status != expected) {
                    errors.incrementAndGet();
                    statuses.merge(status, 1, Integer::sum);
                  } else {
                    int i = recorded.getAndIncrement();
                    if (i < latencies.length) latencies[i] = t;
                  }
                }
              }));
    }
    for (Future<?> f : workers) f.get();
    long elapsed = System.nanoTime() - start;
    pool.shutdown();
    int n = Math.min(recorded.get(), latencies.length);
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    System.out.printf(
        "%s url=%s concurrency=%d ok=%d errors=%d throughput=%.0f/s p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms%n",
        mode,
        url,
        concurrency,
        n,
        errors.get(),
        n / (elapsed / 1e9),
        pct(sorted, 0.50),
        pct(sorted, 0.90),
        pct(sorted, 0.99),
        n == 0 ? 0 : sorted[n - 1] / 1e6);
    if (!statuses.isEmpty()) {
      System.out.println("error statuses (-1 = no answer): " + statuses);
    }
  }

  static String id(int municipality, int n) {
    return String.format("%05d:%03d:%04d", municipality, n / 10_000, n % 10_000);
  }


  static HttpRequest register(String url, String id) {
    String body =
        "{\"cadastralId\":\"" + id + "\",\"address\":\"Tamme 5, Tartu\",\"areaM2\":1200,"
            + "\"purpose\":\"residential\",\"owners\":[{\"personalCode\":\"38001010009\","
            + "\"name\":\"Mari Maasikas\",\"share\":\"1/1\"}]}";
    return HttpRequest.newBuilder(URI.create(url + "/parcels"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  static double pct(long[] sorted, double p) {
    if (sorted.length == 0) return 0;
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  /**
   * HTTPS trusting only the state CA and presenting the operator's certificate ({@code cert.pem},
   * {@code key.pem} in {@code operatorDir}, as curl --cert/--key); also used by FailoverProbe.
   */
  static HttpClient client(Path caPem, Path operatorDir) throws Exception {
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    java.security.cert.Certificate ca;
    try (InputStream in = Files.newInputStream(caPem)) {
      ca = x509.generateCertificate(in);
    }
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    java.security.cert.Certificate cert;
    try (InputStream in = Files.newInputStream(operatorDir.resolve("cert.pem"))) {
      cert = x509.generateCertificate(in);
    }
    String pem = Files.readString(operatorDir.resolve("key.pem"))
        .replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
    java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC")
        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
    KeyStore identity = KeyStore.getInstance("PKCS12");
    identity.load(null, null);
    identity.setKeyEntry("operator", key, new char[0], new java.security.cert.Certificate[] {cert, ca});
    javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(identity, new char[0]);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
  }
}
