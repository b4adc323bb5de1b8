package org.dataembassy.runtime.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeysTest {

  private static final String BODY = "{\"cadastralId\":\"78401:001:0001\"}";

  @Test
  void shouldAcceptAMissingKey() {
    assertThat(IdempotencyKeys.validate(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "3f2b9c7e-1d4a-4c8e-9b1f-6a2d5e7c8b90", "!~{}[]|\\\"'`", "K"})
  void shouldAcceptVisibleAsciiKeys(String key) {
    assertThat(IdempotencyKeys.validate(key)).isEqualTo(key);
  }

  @Test
  void shouldAcceptAKeyOf255Characters() {
    String key = "k".repeat(255);

    assertThat(IdempotencyKeys.validate(key)).isEqualTo(key);
  }

  @Test
  void shouldRejectAKeyLongerThan255Characters() {
    assertRejected("k".repeat(256));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "two words", " leading", "trailing ", "tab\tkey", "line\nbreak", "võti", "ключ", "key\u007f"})
  void shouldRejectEmptyOrNonVisibleAsciiKeys(String key) {
    assertRejected(key);
  }

  @Test
  void shouldGiveTheSameHashForTheSameRequest() {
    assertThat(IdempotencyKeys.requestHash("POST", "/parcels", BODY))
        .isEqualTo(IdempotencyKeys.requestHash("POST", "/parcels", BODY))
        .matches("[0-9a-f]{64}");
  }

  @Test
  void shouldGiveADifferentHashForAnotherMethodPathOrBody() {
    String hash = IdempotencyKeys.requestHash("POST", "/parcels", BODY);

    assertThat(IdempotencyKeys.requestHash("PUT", "/parcels", BODY)).isNotEqualTo(hash);
    assertThat(IdempotencyKeys.requestHash("POST", "/parcels/78401:001:0001", BODY))
        .isNotEqualTo(hash);
    assertThat(IdempotencyKeys.requestHash("POST", "/parcels", BODY.replace("0001", "0002")))
        .isNotEqualTo(hash);
  }

  @Test
  void shouldTreatAMissingBodyAsAnEmptyOne() {
    assertThat(IdempotencyKeys.requestHash("DELETE", "/parcels/1", null))
        .isEqualTo(IdempotencyKeys.requestHash("DELETE", "/parcels/1", ""))
        .isNotEqualTo(IdempotencyKeys.requestHash("DELETE", "/parcels/1", "{}"));
  }

  private static void assertRejected(String key) {
    assertThatThrownBy(() -> IdempotencyKeys.validate(key))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.type()).isEqualTo(CommonProblem.VALIDATION_FAILED);
              assertThat(e.detail()).contains("Idempotency-Key").doesNotContain(key.isEmpty() ? "\0" : key);
            });
  }
}
