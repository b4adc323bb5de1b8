package org.dataembassy.services.landregister;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dataembassy.runtime.rest.ProblemException;

/** A share of ownership as an exact fraction, written {@code "1/2"}; in lowest terms. */
public record Share(BigInteger numerator, BigInteger denominator) {

  public static final Share ONE = new Share(BigInteger.ONE, BigInteger.ONE);
  public static final Share ZERO = new Share(BigInteger.ZERO, BigInteger.ONE);
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

  public Share {
    BigInteger gcd = numerator.gcd(denominator);
    if (gcd.signum() > 0) {
      numerator = numerator.divide(gcd);
      denominator = denominator.divide(gcd);
    }
  }

  public static Share parse(String text) {
    Matcher m = text == null ? null : FORM.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new ProblemException(
          LandRegisterProblem.INVALID_SHARE, "A share is written as a fraction, e.g. \"1/2\".");
    }
    BigInteger num = new BigInteger(m.group(1));
    BigInteger den = new BigInteger(m.group(2));
    if (den.signum() == 0 || num.signum() == 0 || num.compareTo(den) > 0) {
      throw new ProblemException(
          LandRegisterProblem.INVALID_SHARE, "A share is a fraction greater than 0 and at most 1.");
    }
    return new Share(num, den);
  }

  public Share plus(Share other) {
    return new Share(
        numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
        denominator.multiply(other.denominator));
  }

  public int compareTo(Share other) {
    return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
