import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The raw ECDSA P-256 sign rate of a site's PKCS#11 token (single-file program): SHA256withECDSA
 * with one of the site's own keys in the token ({@code tsa} or {@code ocsp}), through SunPKCS11,
 * THREADS threads for SECONDS. Run with the site's SOFTHSM2_CONF. Prints signs/s and the CPU this
 * process used per sign.
 *
 * <pre>java bench/TokenSignRate.java PKCS11_CFG PIN_FILE ALIAS THREADS SECONDS</pre>
 */
public class TokenSignRate {
  public static void main(String[] args) throws Exception {
    Provider p = Security.getProvider("SunPKCS11").configure(args[0]);
    KeyStore ks = KeyStore.getInstance("PKCS11", p);
    ks.load(null, Files.readString(Path.of(args[1])).trim().toCharArray());
    PrivateKey key = (PrivateKey) ks.getKey(args[2], null);
    int threads = Integer.parseInt(args[3]);
    long seconds = Long.parseLong(args[4]);
    byte[] data = new byte[120]; // about a TSTInfo's signed attributes
    LongAdder signs = new LongAdder();
    AtomicBoolean run = new AtomicBoolean(true);
    Thread[] workers = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      workers[i] = new Thread(() -> {
        try {
          Signature s = Signature.getInstance("SHA256withECDSA", p);
          s.initSign(key);
          while (run.get()) {
            s.update(data);
            s.sign();
            signs.increment();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
    // warm-up, then measure
    long cpu0 = 0;
    for (Thread t : workers) t.start();
    Thread.sleep(3000);
    signs.reset();
    cpu0 = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000);
    long n = signs.sum();
    long t1 = System.nanoTime();
    long cpu1 = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    run.set(false);
    for (Thread t : workers) t.join();
    double rate = n / ((t1 - t0) / 1e9);
    double perCoreSecond = n / ((cpu1 - cpu0) / 1e9);
    System.out.printf("token sign threads=%d signs/s=%.0f per-core-second=%.0f%n", threads, rate, perCoreSecond);
  }
}
