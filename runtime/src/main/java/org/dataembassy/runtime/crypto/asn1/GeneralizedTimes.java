package org.dataembassy.runtime.crypto.asn1;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.bouncycastle.asn1.ASN1GeneralizedTime;

/**
 * DER GeneralizedTime values with millisecond resolution ({@code YYYYMMDDhhmmss[.fff]Z}, trailing
 * zeros of the fraction removed, as X.690 §11.7 requires), built without Bouncy Castle's
 * {@code Date} constructors: those format and re-parse through a new {@code SimpleDateFormat}
 * each time, a tenth of a time-stamp's cost (docs/pki-notes.md). Used for time-stamps and OCSP.
 */
public final class GeneralizedTimes {

  private GeneralizedTimes() {}

  /** {@code instant} to the millisecond (truncate it first for whole seconds). */
  public static ASN1GeneralizedTime of(Instant instant) {
    return ASN1GeneralizedTime.getInstance(encode(instant));
  }

  /** The whole TLV (tag 0x18). */
  static byte[] encode(Instant instant) {
    ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > 9999) {
      throw new IllegalArgumentException("year out of range for GeneralizedTime: " + t.getYear());
    }
    StringBuilder s = new StringBuilder(20);
    pad(s, t.getYear(), 4);
    pad(s, t.getMonthValue(), 2);
    pad(s, t.getDayOfMonth(), 2);
    pad(s, t.getHour(), 2);
    pad(s, t.getMinute(), 2);
    pad(s, t.getSecond(), 2);
    int millis = t.getNano() / 1_000_000;
    if (millis != 0) {
      s.append('.');
      pad(s, millis, 3);
      while (s.charAt(s.length() - 1) == '0') {
        s.setLength(s.length() - 1);
      }
    }
    s.append('Z');
    byte[] text = s.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] tlv = new byte[text.length + 2];
    tlv[0] = 0x18;
    tlv[1] = (byte) text.length;
    System.arraycopy(text, 0, tlv, 2, text.length);
    return tlv;
  }

  private static void pad(StringBuilder s, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      s.append('0');
    }
    s.append(digits);
  }
}
