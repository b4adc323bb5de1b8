package org.dataembassy.runtime.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.dataembassy.runtime.crypto.keys.DataKeyRing;

/**
 * Seals what a site stores or replicates with the state's data key (AES-256-GCM, random 96-bit
 * nonce): journal payloads, short-lived replicated values, personal data in projections. The
 * sealed form names the key version it was sealed under, so old ciphertext stays readable after a
 * rotation: {@code 0x02 | version (4 bytes) | nonce (12) | ciphertext and tag}. The associated
 * data binds a ciphertext to its place (a journal position, a cache key, a column), so it cannot be
 * moved unnoticed.
 */
public final class PayloadCipher {

  private static final byte FORMAT = 2;
  private static final int HEADER_BYTES = 1 + 4;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DataKeyRing keys;

  public PayloadCipher(DataKeyRing keys) {
    this.keys = keys;
  }

  /** Returns the sealed form under the current key version. */
  public byte[] seal(byte[] plaintext, String associatedData) {
    try {
      int version = keys.currentVersion();
      SecretKey key = keys.version(version).orElseThrow();
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out =
          ByteBuffer.allocate(HEADER_BYTES + NONCE_BYTES + cipher.getOutputSize(plaintext.length));
      out.put(FORMAT).putInt(version).put(nonce);
      cipher.doFinal(ByteBuffer.wrap(plaintext), out);
      return out.array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal with the state data key", e);
    }
  }

  /** Opens a sealed value; fails if it was altered or moved, or its key version is not here. */
  public byte[] open(byte[] sealed, String associatedData) throws GeneralSecurityException {
    if (sealed.length < HEADER_BYTES + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
      throw new GeneralSecurityException("not a sealed value");
    }
    int version = ByteBuffer.wrap(sealed, 1, 4).getInt();
    SecretKey key =
        keys.version(version)
            .orElseThrow(
                () -> new GeneralSecurityException("data key version " + version + " is not at this site"));
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, HEADER_BYTES, NONCE_BYTES));
    cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
    int offset = HEADER_BYTES + NONCE_BYTES;
    return cipher.doFinal(sealed, offset, sealed.length - offset);
  }

  /** The key version a sealed value was sealed under. */
  public static int keyVersion(byte[] sealed) {
    return ByteBuffer.wrap(sealed, 1, 4).getInt();
  }

  public DataKeyRing keys() {
    return keys;
  }
}
