package org.dataembassy.runtime.crypto.asn1;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OutputStream;

/**
 * DER encoding of Bouncy Castle ASN.1 structures into a per-thread buffer, for the signing hot
 * paths (time-stamp tokens, OCSP responses). {@code ASN1Object.getEncoded(DER)} writes every tag
 * and length byte through {@code ByteArrayOutputStream.write(int)}, which is synchronized: a
 * lock per byte, and a new buffer grown by doubling per structure. Bouncy Castle's own
 * {@link ASN1OutputStream} does the encoding either way: this only changes where the bytes go.
 */
public final class DerEncoder {

  private static final ThreadLocal<Sink> SINKS = ThreadLocal.withInitial(Sink::new);

  private DerEncoder() {}

  /** The DER encoding of {@code value}, as {@code value.getEncoded(ASN1Encoding.DER)} gives it. */
  public static byte[] encode(ASN1Encodable value) throws IOException {
    Sink sink = SINKS.get();
    sink.count = 0;
    ASN1OutputStream.create(sink, ASN1Encoding.DER).writeObject(value);
    return Arrays.copyOf(sink.bytes, sink.count);
  }

  /** An unsynchronized, reused, growing byte sink. */
  private static final class Sink extends OutputStream {
    private byte[] bytes = new byte[4096];
    private int count;

    @Override
    public void write(int b) {
      ensure(1);
      bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, count, len);
      count += len;
    }

    private void ensure(int more) {
      if (count + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
      }
    }
  }
}
