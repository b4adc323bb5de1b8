package org.dataembassy.runtime.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.dataembassy.runtime.rest.ProblemException;

/**
 * An Estonian personal code (isikukood): 11 digits, {@code GYYMMDDSSSC}: century and sex, date of
 * birth, serial, and a check digit computed with the two-stage weights of the standard EVS 585.
 */
public record PersonalCode(String value) {

  private static final int[] WEIGHTS_1 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 1};
  private static final int[] WEIGHTS_2 = {3, 4, 5, 6, 7, 8, 9, 1, 2, 3};

  public PersonalCode {
    String problem = problemWith(value);
    if (problem != null) {
      throw new ProblemException(IdentityProblem.INVALID_PERSONAL_CODE, problem);
    }
  }

  /** Null if valid, otherwise why not (without echoing the code: it is personal data). */
  public static String problemWith(String code) {
    if (code == null || !code.matches("\\d{11}")) {
      return "A personal code has exactly 11 digits.";
    }
    int century = code.charAt(0) - '0';
    if (century < 1 || century > 6) {
      return "A personal code starts with 1 to 6.";
    }
    int year = 1800 + 100 * ((century - 1) / 2) + Integer.parseInt(code.substring(1, 3));
    try {
      LocalDate.of(year, Integer.parseInt(code.substring(3, 5)), Integer.parseInt(code.substring(5, 7)));
    } catch (DateTimeException e) {
      return "The personal code's date of birth is not a valid date.";
    }
    if (checkDigit(code) != code.charAt(10) - '0') {
      return "The personal code's check digit does not match.";
    }
    return null;
  }

  static int checkDigit(String code) {
    int sum = weightedSum(code, WEIGHTS_1) % 11;
    if (sum < 10) {
      return sum;
    }
    sum = weightedSum(code, WEIGHTS_2) % 11;
    return sum < 10 ? sum : 0;
  }

  private static int weightedSum(String code, int[] weights) {
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      sum += (code.charAt(i) - '0') * weights[i];
    }
    return sum;
  }

  @Override
  public String toString() {
    return value;
  }
}
