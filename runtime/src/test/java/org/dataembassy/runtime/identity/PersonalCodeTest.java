package org.dataembassy.runtime.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dataembassy.runtime.rest.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalCodeTest {

  @ParameterizedTest
  @ValueSource(strings = {"38001010009", "49403136526", "37605030299", "60001019906", "51107121760"})
  void shouldAcceptValidCodes(String code) {
    assertThat(new PersonalCode(code).value()).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "38001010008", // wrong check digit
        "3800101000", // too short
        "380010100091", // too long
        "3800101000a", // not a digit
        "78001010009", // century digit 7
        "38002300005", // 30 February
        ""
      })
  void shouldRejectInvalidCodes(String code) {
    assertThatThrownBy(() -> new PersonalCode(code))
        .isInstanceOf(ProblemException.class)
        .satisfies(
            e ->
                assertThat(((ProblemException) e).type())
                    .isEqualTo(IdentityProblem.INVALID_PERSONAL_CODE))
        .hasMessageNotContaining(code.isEmpty() ? "\u0000" : code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"51107121760", "38505050044", "38505050161"})
  void shouldUseSecondStageWeightsWhenFirstGivesTen(String code) {
    assertThat(PersonalCode.checkDigit(code)).isEqualTo(code.charAt(10) - '0');
  }
}
