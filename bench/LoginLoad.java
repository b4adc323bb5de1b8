import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Logins per second at one site (issue 5): each worker asks for a challenge, signs its nonce with
 * a citizen's key (Bouncy Castle, so the client's signing is not the bottleneck SunEC would be) and
 * opens a session, for SECONDS. Prints logins/s, failures and latency percentiles.
 *
 * usage: java -cp bcprov.jar bench/LoginLoad.java URL CA_PEM CITIZEN_DIR CONCURRENCY SECONDS
 */
public class LoginLoad {

  public static void main(String[] args) throws Exception {
    String url = args[0];
    HttpClient http = client(Path.of(args[1]));
    Path citizen = Path.of(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);
    String certificate = Files.readString(citizen.resolve("cert.pem")).replace("\n", "\\n");
    PrivateKey key = readKey(citizen.resolve("key.pem"));
    BouncyCastleProvider bc = new BouncyCastleProvider();
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int w = 0; w < concurrency; w++) {
      Thread t = new Thread(() -> {
        try {
          Signature signer = Signature.getInstance("SHA256withECDSA", bc);
          while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            HttpResponse<String> challenge = http.send(
                HttpRequest.newBuilder(URI.create(url + "/challenges")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
            String nonce = challenge.body().replaceAll(".*\"nonce\":\"([^\"]+)\".*", "$1");
            signer.initSign(key);
            signer.update(Base64.getDecoder().decode(nonce));
            String body = "{\"certificate\":\"" + certificate + "\",\"nonce\":\"" + nonce + "\",\"signature\":\""
                + Base64.getEncoder().encodeToString(signer.sign()) + "\"}";
            HttpResponse<String> session = http.send(
                HttpRequest.newBuilder(URI.create(url + "/sessions")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
            if (session.statusCode() == 201) {
              ok.incrementAndGet();
              latencies.add(System.nanoTime() - t0);
            } else {
              failed.incrementAndGet();
            }
          }
        } catch (Exception e) {
          failed.incrementAndGet();
        }
      });
      t.start();
      workers.add(t);
    }
    for (Thread t : workers) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("logins=%d failed=%d seconds=%.1f logins_per_s=%.0f p50_ms=%.1f p99_ms=%.1f%n",
        ok.get(), failed.get(), elapsed, ok.get() / elapsed, pct(sorted, 0.50), pct(sorted, 0.99));
  }

  static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  static PrivateKey readKey(Path pem) throws Exception {
    String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  static HttpClient client(Path caPem) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(caPem)) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
  }
}
