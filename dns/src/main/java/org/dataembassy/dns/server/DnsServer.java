package org.dataembassy.dns.server;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.dataembassy.dns.config.DnsConfig;
import org.dataembassy.dns.query.CachingResponder;
import org.dataembassy.dns.query.Responder;
import org.dataembassy.dns.zone.ZoneState;
import org.dataembassy.runtime.concurrent.DaemonThreads;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.jboss.logging.Logger;

/**
 * The site's authoritative DNS server: UDP and TCP on the site's address and {@code
 * embassy.dns.port}, non-blocking. Each serving thread runs a selector over its own UDP socket
 * (SO_REUSEPORT: the kernel spreads datagrams over them) and, on the first thread, the TCP listener
 * and its connections. Answering is pure computation on an immutable zone snapshot, so a thread
 * never waits on anything but its sockets; a bad packet costs one parse.
 */
@ApplicationScoped
public class DnsServer {

  private static final Logger LOG = Logger.getLogger(DnsServer.class);
  private static final int MAX_UDP_QUERY = 65_535;

  @Inject DnsConfig config;
  @Inject SiteConfig site;
  @Inject FederationConfig federation;
  @Inject ZoneState zone;

  private final List<Selector> selectors = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;
  private CachingResponder responder;

  void start(@Observes @Priority(30) StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    String address = federation.site(site.id()).orElseThrow().address();
    InetSocketAddress bind = new InetSocketAddress(address, config.port());
    responder = new CachingResponder(new Responder(config.ednsUdpSize()));
    int threadsWanted = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    running = true;
    try {
      for (int i = 0; i < threadsWanted; i++) {
        Selector selector = Selector.open();
        DatagramChannel udp = DatagramChannel.open();
        udp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        udp.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        udp.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024); // absorbs bursts (capped by net.core.rmem_max)
        udp.bind(bind);
        udp.configureBlocking(false);
        udp.register(selector, SelectionKey.OP_READ);
        if (i == 0) {
          ServerSocketChannel tcp = ServerSocketChannel.open();
          tcp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
          tcp.bind(bind, 128);
          tcp.configureBlocking(false);
          tcp.register(selector, SelectionKey.OP_ACCEPT);
        }
        selectors.add(selector);
        threads.add(DaemonThreads.named("dns-server-" + i).newThread(() -> serve(selector)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve DNS on " + bind + " (UDP and TCP)", e);
    }
    threads.forEach(Thread::start);
    LOG.infof(
        "EMB-DN-001 DNS for zone %s on %s:%d (UDP, TCP; %d threads); try: dig @%s -p %d land.%s",
        zone.current().zone(), address, config.port(), threadsWanted, address, config.port(), zone.current().zone());
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    for (Selector selector : selectors) {
      try {
        for (SelectionKey key : selector.keys()) {
          key.channel().close();
        }
        selector.close();
      } catch (IOException | ClosedSelectorException ignored) {
        // closing anyway
      }
    }
  }

  private void serve(Selector selector) {
    ByteBuffer datagram = ByteBuffer.allocate(MAX_UDP_QUERY);
    long lastSweep = System.nanoTime();
    while (running) {
      try {
        selector.select(1_000);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          try {
            if (!key.isValid()) {
              continue;
            }
            if (key.channel() instanceof DatagramChannel udp) {
              serveUdp(udp, datagram);
            } else if (key.isAcceptable()) {
              accept((ServerSocketChannel) key.channel(), selector);
            } else {
              serveTcp(key);
            }
          } catch (IOException | RuntimeException e) {
            closeTcp(key); // one client's trouble ends its connection, not the server
          }
        }
        if (System.nanoTime() - lastSweep > TimeUnit.SECONDS.toNanos(1)) {
          lastSweep = System.nanoTime();
          closeIdle(selector);
        }
      } catch (ClosedSelectorException e) {
        return;
      } catch (IOException | RuntimeException e) {
        if (running) {
          LOG.warnf("EMB-DN-004 DNS serving loop: %s", e.toString());
        }
      }
    }
  }

  /** Answers every datagram waiting on the socket, then returns to the selector. */
  private void serveUdp(DatagramChannel udp, ByteBuffer datagram) throws IOException {
    for (int i = 0; i < 256; i++) {
      datagram.clear();
      SocketAddress client = udp.receive(datagram);
      if (client == null) {
        return;
      }
      Optional<byte[]> answer =
          responder.respond(datagram.array(), datagram.position(), zone.current(), false);
      if (answer.isPresent()) {
        udp.send(ByteBuffer.wrap(answer.get()), client); // a full socket buffer drops it: UDP
      }
    }
  }

  private void accept(ServerSocketChannel server, Selector selector) throws IOException {
    SocketChannel channel = server.accept();
    if (channel == null) {
      return;
    }
    if (selector.keys().size() > config.maxTcpConnections() + 2) {
      channel.close(); // full: the client retries later
      return;
    }
    channel.configureBlocking(false);
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    channel.register(selector, SelectionKey.OP_READ, new TcpSession(channel));
  }

  private void serveTcp(SelectionKey key) throws IOException {
    TcpSession session = (TcpSession) key.attachment();
    if (key.isReadable()) {
      if (!session.read()) {
        closeTcp(key);
        return;
      }
      Optional<byte[]> query;
      while ((query = session.nextQuery()).isPresent()) {
        Optional<byte[]> answer = responder.respond(query.get(), query.get().length, zone.current(), true);
        if (answer.isPresent() && !session.queue(answer.get())) {
          closeTcp(key);
          return;
        }
      }
    }
    boolean done = session.flush();
    key.interestOps(done ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
  }

  private void closeIdle(Selector selector) {
    long idle = TimeUnit.MILLISECONDS.toNanos(config.tcpIdleTimeoutMs());
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof TcpSession session && System.nanoTime() - session.lastActivityNanos > idle) {
        closeTcp(key);
      }
    }
  }

  private static void closeTcp(SelectionKey key) {
    if (key.attachment() instanceof TcpSession session) {
      key.cancel();
      try {
        session.channel.close();
      } catch (IOException ignored) {
        // closed anyway
      }
    }
  }
}
