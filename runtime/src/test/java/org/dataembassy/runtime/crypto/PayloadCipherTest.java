package org.dataembassy.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.dataembassy.runtime.crypto.keys.DataKeyRing;
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

  private final PayloadCipher cipher = new PayloadCipher(DataKeyRing.single(key));

  @Test
  void shouldOpenWhatItSealed() throws Exception {
    byte[] sealed = cipher.seal(PLAINTEXT, POSITION);

    assertThat(cipher.open(sealed, POSITION)).isEqualTo(PLAINTEXT);
  }

  @Test
  void shouldNotLeakThePlaintextIntoTheSealedBytes() {
    byte[] sealed = cipher.seal(PLAINTEXT, POSITION);

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("38001085718");
    assertThat(sealed.length)
        .as("format, key version, nonce, ciphertext, tag")
        .isEqualTo(1 + 4 + 12 + PLAINTEXT.length + 16);
    assertThat(PayloadCipher.keyVersion(sealed)).isEqualTo(1);
  }

  @Test
  void shouldRejectATamperedCiphertext() {
    byte[] sealed = cipher.seal(PLAINTEXT, POSITION);
    for (int i : new int[] {0, 4, 5, 17, sealed.length - 1}) { // format, version, nonce, ciphertext, tag
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
    byte[] sealed = new PayloadCipher(DataKeyRing.single(generator.generateKey())).seal(PLAINTEXT, POSITION);

    assertThatThrownBy(() -> cipher.open(sealed, POSITION))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void shouldRejectATruncatedPayload() {
    byte[] sealed = cipher.seal(PLAINTEXT, POSITION);

    assertThatThrownBy(() -> cipher.open(Arrays.copyOf(sealed, 32), POSITION))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> cipher.open(new byte[0], POSITION))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void shouldUseAFreshNonceForEverySeal() throws Exception {
    byte[] first = cipher.seal(PLAINTEXT, POSITION);
    byte[] second = cipher.seal(PLAINTEXT, POSITION);

    assertThat(second).isNotEqualTo(first);
    assertThat(Arrays.copyOfRange(second, 5, 17)).isNotEqualTo(Arrays.copyOfRange(first, 5, 17));
    assertThat(cipher.open(second, POSITION)).isEqualTo(cipher.open(first, POSITION));
  }

  @Test
  void shouldSealAnEmptyPayload() throws Exception {
    byte[] sealed = cipher.seal(new byte[0], POSITION);

    assertThat(cipher.open(sealed, POSITION)).isEmpty();
  }

  @Test
  void shouldKeepOldVersionsReadableAndSealNewValuesUnderARotatedKey() throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    Map<Integer, SecretKey> delivered = new HashMap<>(Map.of(1, key));
    DataKeyRing ring = new DataKeyRing(Map.of(1, key), v -> Optional.ofNullable(delivered.get(v)));
    PayloadCipher rotating = new PayloadCipher(ring);
    byte[] underV1 = rotating.seal(PLAINTEXT, POSITION);

    delivered.put(2, generator.generateKey()); // the ceremony delivers v2 while the site runs
    assertThat(ring.refresh()).isEqualTo(2);
    byte[] underV2 = rotating.seal(PLAINTEXT, POSITION);

    assertThat(PayloadCipher.keyVersion(underV1)).isEqualTo(1);
    assertThat(PayloadCipher.keyVersion(underV2)).isEqualTo(2);
    assertThat(rotating.open(underV1, POSITION)).isEqualTo(PLAINTEXT);
    assertThat(rotating.open(underV2, POSITION)).isEqualTo(PLAINTEXT);
    assertThatThrownBy(() -> cipher.open(underV2, POSITION))
        .as("a site that never received v2")
        .hasMessageContaining("version 2");
  }

  @Test
  void shouldLoadAVersionDeliveredAfterStartOnFirstUse() throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    SecretKey second = generator.generateKey();
    PayloadCipher writer = new PayloadCipher(new DataKeyRing(Map.of(2, second), v -> Optional.empty()));
    PayloadCipher reader =
        new PayloadCipher(new DataKeyRing(Map.of(1, key), v -> v == 2 ? Optional.of(second) : Optional.empty()));

    assertThat(reader.open(writer.seal(PLAINTEXT, POSITION), POSITION)).isEqualTo(PLAINTEXT);
    assertThat(reader.keys().currentVersion()).as("reading v2 does not switch sealing").isEqualTo(1);
  }
}
