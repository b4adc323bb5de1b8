package org.dataembassy.runtime.sitelink;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * One TLS handshake of a context with itself, in memory, before the site's JGroups channels
 * connect. The first handshake of a cold JVM takes ≈ 0.5 s on a 2-core host (class loading, key
 * agreement code not yet compiled), longer than the groups' discovery/join timeouts: sites then
 * started as singletons and merged seconds later — long enough for the standbys to promote one of
 * themselves at {@code ./embassy up}. Warm, a handshake takes a tenth of that.
 */
final class HandshakeWarmUp {

  private static final int MAX_ROUNDS = 50;

  private HandshakeWarmUp() {}

  /** Returns whether the handshake completed (it is an optimisation: failure is not an error). */
  static boolean run(SSLContext context) {
    try {
      SSLEngine client = context.createSSLEngine("site-link-warm-up", 0);
      client.setUseClientMode(true);
      SSLEngine server = context.createSSLEngine();
      server.setUseClientMode(false);
      server.setNeedClientAuth(true);
      int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
      int app = Math.max(client.getSession().getApplicationBufferSize(), server.getSession().getApplicationBufferSize());
      ByteBuffer toServer = ByteBuffer.allocate(packet * 4);
      ByteBuffer toClient = ByteBuffer.allocate(packet * 4);
      ByteBuffer received = ByteBuffer.allocate(app * 4);
      ByteBuffer nothing = ByteBuffer.allocate(0);
      client.beginHandshake();
      server.beginHandshake();
      for (int round = 0; round < MAX_ROUNDS; round++) {
        if (finished(client) && finished(server)) {
          return true;
        }
        step(client, nothing, toServer);
        deliver(toServer, server, received);
        step(server, nothing, toClient);
        deliver(toClient, client, received);
      }
      return finished(client) && finished(server);
    } catch (SSLException | RuntimeException e) {
      return false;
    }
  }

  private static boolean finished(SSLEngine engine) {
    HandshakeStatus status = engine.getHandshakeStatus();
    return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
  }

  private static void step(SSLEngine engine, ByteBuffer nothing, ByteBuffer out) throws SSLException {
    engine.wrap(nothing, out);
    runTasks(engine);
  }

  private static void deliver(ByteBuffer wire, SSLEngine engine, ByteBuffer received) throws SSLException {
    wire.flip();
    while (wire.hasRemaining()) {
      int before = wire.remaining();
      engine.unwrap(wire, received);
      runTasks(engine);
      received.clear();
      if (wire.remaining() == before) {
        break; // needs more data from the other side
      }
    }
    wire.compact();
  }

  private static void runTasks(SSLEngine engine) {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }
}
