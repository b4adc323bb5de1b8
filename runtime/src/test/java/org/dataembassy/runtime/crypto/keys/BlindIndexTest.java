package org.dataembassy.runtime.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;

import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BlindIndexTest {

  private static final String CODE = "38001010009";

  private final BlindIndex index = new BlindIndex(new SecretKeySpec(new byte[32], "HmacSHA256"));

  @Test
  void shouldGiveTheSameIndexForTheSameValueAndPurpose() {
    assertThat(index.of("ownership.personal_code", CODE)).isEqualTo(index.of("ownership.personal_code", CODE));
    assertThat(index.of("ownership.personal_code", CODE)).hasSize(43).doesNotContain(CODE);
  }

  @Test
  void shouldNotLinkEqualValuesAcrossPurposesOrKeys() {
    BlindIndex other = new BlindIndex(new SecretKeySpec(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
        15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, "HmacSHA256"));

    assertThat(index.of("ownership.personal_code", CODE)).isNotEqualTo(index.of("eid_certificate.personal_code", CODE));
    assertThat(index.of("ownership.personal_code", CODE)).isNotEqualTo(other.of("ownership.personal_code", CODE));
    assertThat(index.reference("certificate", CODE)).isNotEqualTo(index.of("certificate", CODE).substring(0, 16));
  }

  @Test
  void shouldNotBeFooledByAPurposeThatRunsIntoTheValue() {
    assertThat(index.of("a", "bc")).isNotEqualTo(index.of("ab", "c"));
  }

  @Test
  void shouldGiveShortHexReferencesForLogs() {
    assertThat(index.reference("certificate", "6606716D04E91AA9")).matches("[0-9a-f]{16}");
  }
}
