package org.dataembassy.runtime.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JournalEntryTest {

  private static final Instant WRITTEN = Instant.parse("2026-11-22T05:03:16.123Z");
  private static final byte[] SEALED = {10, 20, 30, 40, 50};

  private static JournalEntry first() {
    return JournalEntry.create(
        1, 1, "landregister", "ParcelRegistered", WRITTEN, "home", SEALED.clone(),
        JournalEntry.GENESIS_HASH);
  }

  @Test
  void shouldStartTheChainAtAnAllZeroGenesisHash() {
    assertThat(JournalEntry.GENESIS_HASH).hasSize(64).matches("0+");
  }

  @Test
  void shouldComputeASha256HashWhenCreated() {
    JournalEntry entry = first();

    assertThat(entry.hash()).matches("[0-9a-f]{64}").isNotEqualTo(JournalEntry.GENESIS_HASH);
    assertThat(entry.hashMatches()).isTrue();
  }

  @Test
  void shouldComputeTheSameHashForTheSameFields() {
    assertThat(first().hash()).isEqualTo(first().hash());
  }

  @Test
  void shouldChainAnEntryToThePreviousOne() {
    JournalEntry one = first();
    JournalEntry anotherOne =
        JournalEntry.create(
            1, 1, "landregister", "ParcelRegistered", WRITTEN, "lux", SEALED.clone(),
            JournalEntry.GENESIS_HASH);

    JournalEntry two = second(one.hash());
    JournalEntry twoAfterAnotherOne = second(anotherOne.hash());

    assertThat(two.previousHash()).isEqualTo(one.hash());
    assertThat(two.hashMatches()).isTrue();
    assertThat(twoAfterAnotherOne.hash())
        .as("a different history gives a different hash")
        .isNotEqualTo(two.hash());
  }

  private static JournalEntry second(String previousHash) {
    return JournalEntry.create(
        2, 1, "landregister", "OwnershipTransferred", WRITTEN.plusSeconds(1), "home",
        new byte[] {1}, previousHash);
  }

  static Stream<Arguments> alterations() {
    return Stream.of(
        Arguments.of("sequence", (UnaryOperator<JournalEntry>) e -> copy(e, 2, e.epoch(), e.register())),
        Arguments.of("epoch", (UnaryOperator<JournalEntry>) e -> copy(e, e.sequence(), 2, e.register())),
        Arguments.of("register", (UnaryOperator<JournalEntry>) e -> copy(e, e.sequence(), e.epoch(), "otherregister")),
        Arguments.of(
            "type",
            (UnaryOperator<JournalEntry>)
                e ->
                    new JournalEntry(
                        e.sequence(), e.epoch(), e.register(), "ParcelDeleted", e.timestamp(),
                        e.site(), e.sealedPayload(), e.previousHash(), e.hash())),
        Arguments.of(
            "timestamp",
            (UnaryOperator<JournalEntry>)
                e ->
                    new JournalEntry(
                        e.sequence(), e.epoch(), e.register(), e.type(),
                        e.timestamp().plusMillis(1), e.site(), e.sealedPayload(), e.previousHash(),
                        e.hash())),
        Arguments.of(
            "site",
            (UnaryOperator<JournalEntry>)
                e ->
                    new JournalEntry(
                        e.sequence(), e.epoch(), e.register(), e.type(), e.timestamp(), "lux",
                        e.sealedPayload(), e.previousHash(), e.hash())),
        Arguments.of(
            "one payload byte",
            (UnaryOperator<JournalEntry>)
                e -> {
                  byte[] payload = e.sealedPayload().clone();
                  payload[2] ^= 0x01;
                  return new JournalEntry(
                      e.sequence(), e.epoch(), e.register(), e.type(), e.timestamp(), e.site(),
                      payload, e.previousHash(), e.hash());
                }),
        Arguments.of(
            "previous hash",
            (UnaryOperator<JournalEntry>)
                e ->
                    new JournalEntry(
                        e.sequence(), e.epoch(), e.register(), e.type(), e.timestamp(), e.site(),
                        e.sealedPayload(), "1" + JournalEntry.GENESIS_HASH.substring(1), e.hash())),
        Arguments.of(
            "hash",
            (UnaryOperator<JournalEntry>)
                e ->
                    new JournalEntry(
                        e.sequence(), e.epoch(), e.register(), e.type(), e.timestamp(), e.site(),
                        e.sealedPayload(), e.previousHash(), JournalEntry.GENESIS_HASH)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alterations")
  void shouldDetectAnAlteredField(String field, UnaryOperator<JournalEntry> alter) {
    JournalEntry original = first();

    JournalEntry altered = alter.apply(original);

    assertThat(altered.hashMatches()).as("hash still matches after changing the " + field).isFalse();
    assertThat(original.hashMatches()).isTrue();
  }

  @Test
  void shouldBindThePayloadToSequenceEpochRegisterAndType() {
    JournalEntry entry = first();

    assertThat(entry.associatedData())
        .isEqualTo(JournalEntry.associatedData(1, 1, "landregister", "ParcelRegistered"))
        .isNotEqualTo(JournalEntry.associatedData(2, 1, "landregister", "ParcelRegistered"))
        .isNotEqualTo(JournalEntry.associatedData(1, 2, "landregister", "ParcelRegistered"))
        .isNotEqualTo(JournalEntry.associatedData(1, 1, "other", "ParcelRegistered"))
        .isNotEqualTo(JournalEntry.associatedData(1, 1, "landregister", "ParcelDeleted"));
  }

  /** A copy with other position fields and the original hash, as a tampering peer would send. */
  private static JournalEntry copy(JournalEntry e, long sequence, long epoch, String register) {
    return new JournalEntry(
        sequence, epoch, register, e.type(), e.timestamp(), e.site(), e.sealedPayload(),
        e.previousHash(), e.hash());
  }
}
