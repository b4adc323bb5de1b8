package org.dataembassy.runtime.crypto.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.dataembassy.runtime.crypto.Pem;

/**
 * The state's symmetric keys as a site (or the state itself) keeps them: each sealed under the
 * token's wrapping key {@value #WRAPPING_KEY}, one file each under {@code <dir>/keys/}:
 * {@code data-key-v<N>.sealed} and {@code index-key.sealed}. Without the token the files are
 * useless; opened, the keys live only in the site's memory.
 */
public final class SealedStateKeys {

  /** The alias of the AES key, inside the token, that seals the state's keys. */
  public static final String WRAPPING_KEY = "embassy-key-wrap";

  private static final Pattern DATA_KEY_FILE = Pattern.compile("data-key-v(\\d{1,9})\\.sealed");
  private static final String INDEX_KEY_FILE = "index-key.sealed";

  private final KeyEnvelope envelope;
  private final Path keysDir;

  private SealedStateKeys(KeyEnvelope envelope, Path keysDir) {
    this.envelope = envelope;
    this.keysDir = keysDir;
  }

  /** The keys of a site whose token already holds its wrapping key (a site at start). */
  public static SealedStateKeys open(SiteToken token, Path keysDir) throws IOException {
    return new SealedStateKeys(new KeyEnvelope(token, token.requireSecretKey(WRAPPING_KEY)), keysDir);
  }

  /** For the key ceremony: makes the token's wrapping key first if it has none. */
  public static SealedStateKeys openOrInitialise(SiteToken token, Path keysDir) throws IOException {
    Optional<SecretKey> existing = token.secretKey(WRAPPING_KEY);
    SecretKey wrapping = existing.isPresent() ? existing.get() : token.generateAesKey(WRAPPING_KEY);
    return new SealedStateKeys(new KeyEnvelope(token, wrapping), keysDir);
  }

  public static Path dataKeyFile(Path keysDir, int version) {
    return keysDir.resolve("data-key-v" + version + ".sealed");
  }

  public static Path indexKeyFile(Path keysDir) {
    return keysDir.resolve(INDEX_KEY_FILE);
  }

  /** Every data key delivered here, by version; an error naming the directory if there is none. */
  public SortedMap<Integer, SecretKey> dataKeys() throws IOException {
    SortedMap<Integer, SecretKey> keys = new TreeMap<>();
    for (int version : deliveredVersions()) {
      keys.put(version, dataKey(version).orElseThrow());
    }
    if (keys.isEmpty()) {
      throw new IOException("no state data key in " + keysDir + " (data-key-v1.sealed): run the key ceremony");
    }
    return keys;
  }

  /** One data key version, if it was delivered here. */
  public Optional<SecretKey> dataKey(int version) throws IOException {
    Path file = dataKeyFile(keysDir, version);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(new SecretKeySpec(open(file, dataKeyName(version)), "AES"));
  }

  /** The blind-index key; an error naming the file if it is missing. */
  public SecretKey indexKey() throws IOException {
    Path file = indexKeyFile(keysDir);
    if (!Files.exists(file)) {
      throw new IOException("the state index key " + file + " is missing: run the key ceremony");
    }
    return new SecretKeySpec(open(file, "embassy index key"), "HmacSHA256");
  }

  /** Every key here, in the clear, for the ceremony to hand to another token. */
  public ClearStateKeys export() throws IOException {
    SortedMap<Integer, byte[]> data = new TreeMap<>();
    for (int version : deliveredVersions()) {
      data.put(version, open(dataKeyFile(keysDir, version), dataKeyName(version)));
    }
    return new ClearStateKeys(data, open(indexKeyFile(keysDir), "embassy index key"));
  }

  /**
   * Seals the keys not held here yet; keys already here are kept (a key once delivered never
   * changes). Returns how many files were written.
   */
  public int store(ClearStateKeys keys) throws IOException {
    int written = 0;
    for (var e : keys.dataKeys().entrySet()) {
      Path file = dataKeyFile(keysDir, e.getKey());
      if (!Files.exists(file)) {
        write(file, e.getValue(), dataKeyName(e.getKey()));
        written++;
      }
    }
    if (!Files.exists(indexKeyFile(keysDir))) {
      write(indexKeyFile(keysDir), keys.indexKey(), "embassy index key");
      written++;
    }
    return written;
  }

  /** The data key versions delivered here, ascending. */
  public int[] deliveredVersions() throws IOException {
    if (!Files.isDirectory(keysDir)) {
      return new int[0];
    }
    try (Stream<Path> files = Files.list(keysDir)) {
      return files
          .map(p -> DATA_KEY_FILE.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .mapToInt(m -> Integer.parseInt(m.group(1)))
          .sorted()
          .toArray();
    }
  }

  private static String dataKeyName(int version) {
    return "embassy data key v" + version;
  }

  private byte[] open(Path file, String name) throws IOException {
    try {
      byte[] sealed = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
      return envelope.open(sealed, name);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("the sealed key " + file + " does not open with this site's token (altered, or another token's)", e);
    }
  }

  private void write(Path file, byte[] key, String name) throws IOException {
    try {
      Pem.write(file, Base64.getEncoder().encodeToString(envelope.seal(key, name)) + "\n", true);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot seal " + name + " in the token", e);
    }
  }
}
