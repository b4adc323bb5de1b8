package org.dataembassy.runtime.crypto.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Key material sealed under a token's wrapping key (AES-256-GCM computed inside the token), with
 * associated data naming what it is, so one sealed key cannot be passed off as another. SunPKCS11
 * offers no AES key wrap here (FACTS: AES/KW is missing, {@code Cipher.wrap} with GCM is not
 * supported), so this is a GCM envelope: {@code nonce (12) | ciphertext and tag}.
 */
public final class KeyEnvelope {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SiteToken token;
  private final SecretKey wrappingKey;

  public KeyEnvelope(SiteToken token, SecretKey wrappingKey) {
    this.token = token;
    this.wrappingKey = wrappingKey;
  }

  public byte[] seal(byte[] keyMaterial, String name) throws GeneralSecurityException {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", token.provider());
    cipher.init(Cipher.ENCRYPT_MODE, wrappingKey, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
    byte[] sealed = cipher.doFinal(keyMaterial);
    return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
  }

  public byte[] open(byte[] envelope, String name) throws GeneralSecurityException {
    if (envelope.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new GeneralSecurityException("not a sealed key");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", token.provider());
    cipher.init(Cipher.DECRYPT_MODE, wrappingKey, new GCMParameterSpec(TAG_BITS, envelope, 0, NONCE_BYTES));
    cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
    return cipher.doFinal(envelope, NONCE_BYTES, envelope.length - NONCE_BYTES);
  }
}
