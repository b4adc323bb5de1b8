package org.dataembassy.runtime.crypto.token;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state's symmetric keys in the clear, as the key ceremony hands them from the state's token
 * to a site's token: the data keys by version and the blind-index key. They exist in this form
 * only in the memory of the ceremony's processes and in the pipe between them, never on disk.
 * Wire form: one line per key, {@code data <version> <base64>} and {@code index <base64>}.
 */
public record ClearStateKeys(SortedMap<Integer, byte[]> dataKeys, byte[] indexKey) {

  private static final int KEY_BYTES = 32;
  private static final int MAX_LINES = 10_000;
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  public ClearStateKeys {
    dataKeys = new TreeMap<>(dataKeys);
    dataKeys.forEach((v, k) -> requireKeySize(k, "data key v" + v));
    requireKeySize(indexKey, "index key");
  }

  /** Fresh keys: data key v1 and an index key, from the JDK's strong random source. */
  public static ClearStateKeys fresh() {
    SortedMap<Integer, byte[]> data = new TreeMap<>();
    data.put(1, randomKey());
    return new ClearStateKeys(data, randomKey());
  }

  /** These keys and one more data key version. */
  public ClearStateKeys withNextVersion() {
    SortedMap<Integer, byte[]> data = new TreeMap<>(dataKeys);
    data.put(data.lastKey() + 1, randomKey());
    return new ClearStateKeys(data, indexKey);
  }

  static byte[] randomKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  public void writeTo(OutputStream out) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<Integer, byte[]> e : dataKeys.entrySet()) {
      text.append("data ").append(e.getKey()).append(' ')
          .append(Base64.getEncoder().encodeToString(e.getValue())).append('\n');
    }
    text.append("index ").append(Base64.getEncoder().encodeToString(indexKey)).append('\n');
    out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  public static ClearStateKeys readFrom(InputStream in) throws IOException {
    SortedMap<Integer, byte[]> data = new TreeMap<>();
    byte[] index = null;
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
    String line;
    int lines = 0;
    while ((line = reader.readLine()) != null && lines++ < MAX_LINES) {
      String[] parts = line.trim().split(" ");
      try {
        if (parts.length == 3 && parts[0].equals("data")) {
          data.put(Integer.parseInt(parts[1]), Base64.getDecoder().decode(parts[2]));
        } else if (parts.length == 2 && parts[0].equals("index")) {
          index = Base64.getDecoder().decode(parts[1]);
        } else if (!line.isBlank()) {
          throw new IOException("not a key line: " + parts[0]);
        }
      } catch (IllegalArgumentException e) {
        throw new IOException("unreadable key line " + lines, e);
      }
    }
    if (data.isEmpty() || index == null) {
      throw new IOException("the key ceremony's input holds no data key or no index key");
    }
    return new ClearStateKeys(data, index);
  }

  private static void requireKeySize(byte[] key, String what) {
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalArgumentException("the " + what + " is not 256 bits");
    }
  }

  @Override
  public String toString() {
    return "ClearStateKeys[data versions " + dataKeys.keySet() + "]";
  }
}
