package org.dataembassy.runtime.sitelink;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.jgroups.util.DefaultSocketFactory;
import org.jgroups.util.SocketFactory;

/**
 * The JGroups socket factory for site links: TLS 1.3 both ways, the peer's certificate required
 * (mutual TLS), and a bound on the client's handshake. JGroups connects and then calls {@code
 * startHandshake()} with no timeout of its own: a peer that accepts TCP but never answers (a
 * paused process, a half-open link) blocked the sending thread, and with it every other member's
 * traffic. A watchdog closes a client socket whose handshake has not completed in time, which
 * fails the handshake and lets JGroups retry. (Accepted sockets are covered by JGroups' own peer
 * address read timeout, during which the server side of the handshake runs.)
 */
public final class SiteLinkSocketFactory {

  private static final String[] PROTOCOLS = {"TLSv1.3"};

  private SiteLinkSocketFactory() {}

  public static SocketFactory create(
      SSLContext context, long handshakeTimeoutMs, ScheduledExecutorService watchdog) {
    DefaultSocketFactory factory = new DefaultSocketFactory(context);
    SSLParameters server = context.getDefaultSSLParameters();
    server.setProtocols(PROTOCOLS);
    server.setNeedClientAuth(true);
    factory.setServerSocketConfigurator(s -> ((SSLServerSocket) s).setSSLParameters(server));
    factory.setSocketConfigurator(
        s -> {
          SSLSocket socket = (SSLSocket) s;
          socket.setEnabledProtocols(PROTOCOLS);
          boundHandshake(socket, handshakeTimeoutMs, watchdog);
        });
    return factory;
  }

  /** Closes {@code socket} if its first handshake has not completed within the timeout. */
  static void boundHandshake(SSLSocket socket, long timeoutMs, ScheduledExecutorService watchdog) {
    AtomicBoolean done = new AtomicBoolean();
    socket.addHandshakeCompletedListener(event -> done.set(true));
    watchdog.schedule(
        () -> {
          if (!done.get() && !socket.isClosed()) {
            closeQuietly(socket);
          }
        },
        timeoutMs,
        TimeUnit.MILLISECONDS);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // the handshake fails either way
    }
  }
}
