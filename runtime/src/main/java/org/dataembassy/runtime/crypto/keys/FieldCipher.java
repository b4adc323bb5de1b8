package org.dataembassy.runtime.crypto.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.dataembassy.runtime.crypto.PayloadCipher;

/**
 * Encrypts one text value of a projection row (a name, a personal code, an address, a history
 * body) under the state's data key, as base64 text that fits any database's text column.
 */
public final class FieldCipher {

  private static final String ASSOCIATED_DATA = "projection-field";

  private final PayloadCipher cipher;

  public FieldCipher(PayloadCipher cipher) {
    this.cipher = cipher;
  }

  public String encrypt(String plaintext) {
    return Base64.getEncoder()
        .encodeToString(cipher.seal(plaintext.getBytes(StandardCharsets.UTF_8), ASSOCIATED_DATA));
  }

  public String decrypt(String stored) {
    try {
      return new String(cipher.open(Base64.getDecoder().decode(stored), ASSOCIATED_DATA), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("a projection value does not open with the state data key", e);
    }
  }
}
