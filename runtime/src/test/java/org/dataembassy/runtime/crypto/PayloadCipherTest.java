package org.dataembassy.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PayloadCipherTest {

  private static final byte[] PLAINTEXT =
      "{\"parcel\":\"78401:001:0001\",\"owner\":\"38001085718\"}".getBytes(StandardCharsets.UTF_8);
  private static final String POSITION = "7:2:landregister:ParcelRegistered";

  private static SecretKey key;

  @BeforeAll
  static void key() throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    key = generator.generateKey();
  }

  private final PayloadCipher cipher = new PayloadCipher(key);

  @Test
  void shouldOpenWhatItSealed() throws Exception {
    byte[] sealed = cipher.seal(PLAINTEXT, POSITION);

    assertThat(cipher.open(sealed, POSITION)).isEqualTo(PLAINTEXT);
  }

  @Test
  void shouldNotLeakThePlaintextIntoTheSealedBytes() {
    byte[] sealed = cipher.seal(PLAINTEXT, POSITION);

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("38001085718");
    assertThat(sealed.length).as("nonce + ciphertext + tag").isEqualTo(12 + PLAINTEXT.length + 16);
  }

  @Test
  void shouldRejectATamperedCiphertext() {
    byte[] sealed = cipher.seal(PLAINTEXT, POSITION);
    for (int i : new int[] {0, 12, sealed.length - 1}) { // nonce, ciphertext, tag
      byte[] tampered = Arrays.copyOf(sealed, sealed.length);
      tampered[i] ^= 0x01;

      assertThatThrownBy(() -> cipher.open(tampered, POSITION))
          .as("byte %d flipped", i)
          .isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void shouldRejectAPayloadMovedToAnotherPosition() {
    byte[] sealed = cipher.seal(PLAINTEXT, POSITION);

    assertThatThrownBy(() -> cipher.open(sealed, "8:2:landregister:ParcelRegistered"))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void shouldRejectAPayloadSealedUnderAnotherKey() throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    byte[] sealed = new PayloadCipher(generator.generateKey()).seal(PLAINTEXT, POSITION);

    assertThatThrownBy(() -> cipher.open(sealed, POSITION))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void shouldRejectATruncatedPayload() {
    byte[] sealed = cipher.seal(PLAINTEXT, POSITION);

    assertThatThrownBy(() -> cipher.open(Arrays.copyOf(sealed, 27), POSITION))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> cipher.open(new byte[0], POSITION))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void shouldUseAFreshNonceForEverySeal() throws Exception {
    byte[] first = cipher.seal(PLAINTEXT, POSITION);
    byte[] second = cipher.seal(PLAINTEXT, POSITION);

    assertThat(second).isNotEqualTo(first);
    assertThat(Arrays.copyOf(second, 12)).isNotEqualTo(Arrays.copyOf(first, 12));
    assertThat(cipher.open(second, POSITION)).isEqualTo(cipher.open(first, POSITION));
  }

  @Test
  void shouldSealAnEmptyPayload() throws Exception {
    byte[] sealed = cipher.seal(new byte[0], POSITION);

    assertThat(cipher.open(sealed, POSITION)).isEmpty();
  }
}
