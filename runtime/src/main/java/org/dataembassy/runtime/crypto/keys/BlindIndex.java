package org.dataembassy.runtime.crypto.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Keyed blind indexes (HMAC-SHA-256 under the state's index key): what a projection stores beside
 * an encrypted value so it can be looked up or kept unique without the value in the clear. Without
 * the key, an index reveals nothing a dictionary of personal codes could reverse. Each purpose
 * (a column, a log reference) gets its own index, so equal values do not link across purposes.
 */
public final class BlindIndex {

  private final SecretKey key;

  public BlindIndex(SecretKey key) {
    this.key = key;
  }

  /** The index of {@code value} for {@code purpose}: 43 characters, URL-safe base64. */
  public String of(String purpose, String value) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(purpose, value));
  }

  /**
   * A short reference for logs and audit lines (16 hex characters): names a certificate, a person
   * or a token so an operator can correlate lines, without the value itself.
   */
  public String reference(String purpose, String value) {
    byte[] mac = mac("ref:" + purpose, value);
    StringBuilder hex = new StringBuilder(16);
    for (int i = 0; i < 8; i++) {
      hex.append(Character.forDigit((mac[i] >> 4) & 0xf, 16)).append(Character.forDigit(mac[i] & 0xf, 16));
    }
    return hex.toString();
  }

  private byte[] mac(String purpose, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(purpose.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot compute a blind index", e);
    }
  }
}
