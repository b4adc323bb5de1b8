package org.dataembassy.runtime.sitelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLSocket;
import org.jgroups.util.SocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS sockets on loopback, as JGroups' TCP transport uses the factory. */
class SiteLinkSocketFactoryTest {

  private static final List<String> SITES = List.of("home", "lux", "emb2");
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @TempDir Path state;
  @TempDir Path foreign;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    watchdog.shutdownNow();
  }

  private SocketFactory factory(Path dataDir, String site) throws IOException {
    return SiteLinkSocketFactory.create(
        SiteLinkTls.contextFor(TestSiteLinks.ensure(dataDir, site, "GOV"), SITES), 1000, watchdog);
  }

  /** Connects a client socket from {@code client} to {@code server} and exchanges one byte each way. */
  private int exchange(SocketFactory server, SocketFactory client) throws Exception {
    try (ServerSocket listening = server.createServerSocket("test", 0, 10, LOOPBACK)) {
      CompletableFuture<Integer> served =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket accepted = listening.accept()) {
                  int b = accepted.getInputStream().read();
                  accepted.getOutputStream().write(b + 1);
                  accepted.getOutputStream().flush();
                  return b;
                } catch (IOException e) {
                  return -1;
                }
              });
      try (Socket socket = client.createSocket("test")) {
        socket.connect(new InetSocketAddress(LOOPBACK, listening.getLocalPort()), 1000);
        ((SSLSocket) socket).startHandshake();
        socket.getOutputStream().write(41);
        socket.getOutputStream().flush();
        int answer = socket.getInputStream().read();
        assertThat(served.get()).isEqualTo(41);
        assertThat(((SSLSocket) socket).getSession().getProtocol()).isEqualTo("TLSv1.3");
        return answer;
      }
    }
  }

  @Test
  void shouldCarryTrafficBetweenTwoSitesOverMutualTls() throws Exception {
    assertThat(exchange(factory(state, "home"), factory(state, "lux"))).isEqualTo(42);
  }

  @Test
  void shouldRefuseAClientWhoseCertificateComesFromAnotherCa() throws Exception {
    SocketFactory home = factory(state, "home");
    SocketFactory impostor = factory(foreign, "lux");
    assertThatThrownBy(() -> exchange(home, impostor)).isInstanceOf(IOException.class);
  }

  @Test
  void shouldRefuseAClientWithoutCertificate() throws Exception {
    SocketFactory home = factory(state, "home");
    SocketFactory anonymous =
        new org.jgroups.util.DefaultSocketFactory(javax.net.ssl.SSLContext.getDefault());
    assertThatThrownBy(() -> exchange(home, anonymous)).isInstanceOf(IOException.class);
  }

  @Test
  void shouldGiveUpAHandshakeWithAPeerThatNeverAnswers() throws Exception {
    SocketFactory lux = factory(state, "lux");
    try (ServerSocket silent = new ServerSocket(0, 10, LOOPBACK)) { // accepts TCP, never speaks TLS
      CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
        try {
          return silent.accept();
        } catch (IOException e) {
          return null;
        }
      });
      try (Socket socket = lux.createSocket("test")) {
        socket.connect(new InetSocketAddress(LOOPBACK, silent.getLocalPort()), 1000);
        // without the watchdog this blocks for good; the bound here only keeps a broken build from hanging
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> assertThatThrownBy(((SSLSocket) socket)::startHandshake).isInstanceOf(IOException.class));
        assertThat(socket.isClosed()).isTrue();
      } finally {
        Socket s = accepted.getNow(null);
        if (s != null) {
          s.close();
        }
      }
    }
  }
}
