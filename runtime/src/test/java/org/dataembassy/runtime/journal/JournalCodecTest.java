package org.dataembassy.runtime.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.KeyGenerator;
import org.dataembassy.runtime.crypto.PayloadCipher;
import org.dataembassy.runtime.crypto.keys.DataKeyRing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JournalCodecTest {

  private static final Instant WRITTEN = Instant.parse("2026-11-22T05:03:16.123456789Z");

  private JournalCodec codec;
  private JournalPayload payload;

  @BeforeEach
  void codec() throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    codec = new JournalCodec(new PayloadCipher(DataKeyRing.single(generator.generateKey())));
    JsonNode event =
        JournalCodec.json()
            .readTree("{\"cadastralId\":\"78401:001:0001\",\"owners\":[{\"code\":\"38001085718\",\"share\":\"1/2\"}]}");
    payload = new JournalPayload(event, "retry-7f3a", "ab".repeat(32));
  }

  private JournalEntry sealedEntry(long sequence, long epoch) {
    byte[] sealed =
        codec.seal(
            payload, JournalEntry.associatedData(sequence, epoch, "landregister", "ParcelRegistered"));
    return JournalEntry.create(
        sequence, epoch, "landregister", "ParcelRegistered", WRITTEN, "home", sealed,
        JournalEntry.GENESIS_HASH);
  }

  @Test
  void shouldDecodeWhatItEncoded() {
    JournalEntry entry = sealedEntry(42, 3);

    JournalEntry decoded = codec.decode(codec.encode(entry));

    assertThat(decoded)
        .usingRecursiveComparison()
        .isEqualTo(entry);
    assertThat(decoded.sealedPayload()).isEqualTo(entry.sealedPayload());
    assertThat(decoded.timestamp()).isEqualTo(WRITTEN);
    assertThat(decoded.hashMatches()).isTrue();
  }

  @Test
  void shouldKeepTheSealedPayloadOutOfTheEncodedEntryInTheClear() {
    byte[] encoded = codec.encode(sealedEntry(42, 3));

    assertThat(new String(encoded, StandardCharsets.UTF_8))
        .contains("landregister", "ParcelRegistered")
        .doesNotContain("38001085718", "retry-7f3a", "78401:001:0001");
  }

  @Test
  void shouldOpenWhatItSealed() throws Exception {
    assertThat(codec.open(sealedEntry(42, 3))).isEqualTo(payload);
  }

  @Test
  void shouldOpenAPayloadWithoutIdempotencyKey() throws Exception {
    payload = new JournalPayload(payload.event(), null, null);

    assertThat(codec.open(sealedEntry(1, 1))).isEqualTo(payload);
  }

  @Test
  void shouldOpenAnEntryAfterItWasEncodedAndDecoded() throws Exception {
    JournalEntry replicated = codec.decode(codec.encode(sealedEntry(42, 3)));

    assertThat(codec.open(replicated)).isEqualTo(payload);
  }

  @Test
  void shouldRefuseToOpenAPayloadMovedToAnotherSequence() {
    JournalEntry entry = sealedEntry(42, 3);
    JournalEntry moved =
        JournalEntry.create(
            43, entry.epoch(), entry.register(), entry.type(), entry.timestamp(), entry.site(),
            entry.sealedPayload(), entry.previousHash());

    assertThat(moved.hashMatches()).as("the hash alone does not catch a re-hashed entry").isTrue();
    assertThatThrownBy(() -> codec.open(moved)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void shouldRefuseToOpenAPayloadMovedToAnotherEpochOrType() {
    JournalEntry entry = sealedEntry(42, 3);
    JournalEntry otherEpoch =
        new JournalEntry(
            42, 4, entry.register(), entry.type(), entry.timestamp(), entry.site(),
            entry.sealedPayload(), entry.previousHash(), entry.hash());
    JournalEntry otherType =
        new JournalEntry(
            42, 3, entry.register(), "ParcelDeleted", entry.timestamp(), entry.site(),
            entry.sealedPayload(), entry.previousHash(), entry.hash());

    assertThatThrownBy(() -> codec.open(otherEpoch)).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> codec.open(otherType)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void shouldFailOnBytesThatAreNotAJournalEntry() {
    assertThatThrownBy(() -> codec.decode("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UncheckedIOException.class);
  }
}
