package org.dataembassy.site.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real BIND 9 ({@code named} from the Debian {@code bind9} package) of the test's own: a
 * temporary directory, one loopback address and port, the zone as primary, accepting dynamic
 * updates signed with the test's TSIG key (hmac-sha256) and nothing else. No system service.
 */
public final class BindServer implements AutoCloseable {

  public static final String KEY_NAME = "embassy-test";

  private final Path dir;
  private final Process named;
  public final String address;
  public final int port;
  public final String secret;

  private BindServer(Path dir, Process named, String address, int port, String secret) {
    this.dir = dir;
    this.named = named;
    this.address = address;
    this.port = port;
    this.secret = secret;
  }

  /**
   * Starts BIND on 127.0.0.1 and a free port. (BIND listens only on addresses configured on an
   * interface — of 127.0.0.0/8 that is 127.0.0.1 alone — while the kernel lets other programs bind
   * any loopback address.)
   */
  public static BindServer start(String zone) throws IOException, InterruptedException {
    String address = "127.0.0.1";
    int port;
    try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getByName(address))) {
      port = probe.getLocalPort();
    }
    return start(address, port, zone);
  }

  private static BindServer start(String address, int port, String zone) throws IOException, InterruptedException {
    Path namedBin = Path.of("/usr/sbin/named");
    if (!Files.isExecutable(namedBin)) {
      throw new IOException("BIND 9 is not installed (apt-get install bind9); .ci/run installs it");
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String secret = Base64.getEncoder().encodeToString(key);
    Path dir = Files.createTempDirectory("embassy-bind-");
    Files.writeString(dir.resolve(zone + ".zone"), """
        $TTL 60
        @     IN SOA ns.%1$s. hostmaster.%1$s. 1 60 30 3600 5
        @     IN NS  ns.%1$s.
        ns    IN A   %2$s
        land  IN A   192.0.2.1
        """.formatted(zone, address));
    Files.writeString(dir.resolve("named.conf"), """
        options {
          directory "%1$s";
          pid-file "%1$s/named.pid";
          session-keyfile "%1$s/session.key";
          managed-keys-directory "%1$s";
          listen-on port %2$d { %3$s; };
          listen-on-v6 { none; };
          recursion no;
          dnssec-validation no;
        };
        controls { };
        key "%4$s" { algorithm hmac-sha256; secret "%5$s"; };
        zone "%6$s" { type primary; file "%1$s/%6$s.zone"; allow-update { key "%4$s"; }; };
        """.formatted(dir, port, address, KEY_NAME, secret, zone));
    Process named = new ProcessBuilder(namedBin.toString(), "-g", "-c", dir.resolve("named.conf").toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("named.log").toFile())
        .start();
    BindServer server = new BindServer(dir, named, address, port, secret);
    try {
      Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .until(() -> {
            if (!named.isAlive()) {
              throw new IOException("named exited: " + Files.readString(dir.resolve("named.log")));
            }
            return Dig.query(address, port, zone, "SOA").status().equals("NOERROR");
          });
      return server;
    } catch (ConditionTimeoutException e) {
      String log = Files.readString(dir.resolve("named.log"));
      server.close();
      throw new IOException("named did not answer within 30 s: " + log, e);
    }
  }

  /** The site properties that make a federation push to this server. */
  public List<String> pushProperties() {
    return List.of(
        "embassy.dns.push.enabled=true",
        "embassy.dns.push.server=" + address + ":" + port,
        "embassy.dns.push.tsig-key-name=" + KEY_NAME,
        "embassy.dns.push.tsig-secret=" + secret);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    named.destroy();
    if (!named.waitFor(10, TimeUnit.SECONDS)) {
      named.destroyForcibly();
    }
    TestFiles.deleteRecursively(dir);
  }
}
