package org.dataembassy.dns.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * One DNS-over-TCP connection (RFC 7766): two-byte length-prefixed messages in both directions,
 * several queries per connection (pipelined), answers queued while the client reads slowly.
 */
final class TcpSession {

  private static final int MAX_QUEUED_BYTES = 256 * 1024;

  final SocketChannel channel;
  private final ByteBuffer in = ByteBuffer.allocate(2 + 65_535);
  private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
  private int queuedBytes;
  long lastActivityNanos = System.nanoTime();

  TcpSession(SocketChannel channel) {
    this.channel = channel;
  }

  /** Reads what arrived; returns false when the peer closed. */
  boolean read() throws IOException {
    int n = channel.read(in);
    if (n < 0) {
      return false;
    }
    lastActivityNanos = System.nanoTime();
    return true;
  }

  /** The next complete query, if one has arrived whole. */
  Optional<byte[]> nextQuery() {
    if (in.position() < 2) {
      return Optional.empty();
    }
    int length = ((in.get(0) & 0xFF) << 8) | (in.get(1) & 0xFF);
    if (in.position() < 2 + length) {
      return Optional.empty();
    }
    byte[] query = new byte[length];
    in.flip();
    in.position(2);
    in.get(query);
    in.compact();
    return Optional.of(query);
  }

  /** Queues an answer; false if the client is not reading its answers (it is then dropped). */
  boolean queue(byte[] answer) {
    if (queuedBytes + answer.length > MAX_QUEUED_BYTES) {
      return false;
    }
    ByteBuffer framed = ByteBuffer.allocate(2 + answer.length);
    framed.put((byte) (answer.length >>> 8)).put((byte) answer.length).put(answer).flip();
    out.add(framed);
    queuedBytes += framed.remaining();
    return true;
  }

  /** Writes what the socket takes now; returns whether everything queued went out. */
  boolean flush() throws IOException {
    while (!out.isEmpty()) {
      ByteBuffer head = out.peek();
      int before = head.remaining();
      channel.write(head);
      queuedBytes -= before - head.remaining();
      if (head.hasRemaining()) {
        return false;
      }
      out.poll();
    }
    lastActivityNanos = System.nanoTime();
    return true;
  }
}
