package org.dataembassy.runtime.idempotency;

import java.util.regex.Pattern;
import org.dataembassy.runtime.crypto.Digests;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;

/** Validation of {@code Idempotency-Key} headers and the fingerprint of the request they protect. */
public final class IdempotencyKeys {

  public static final String HEADER = "Idempotency-Key";
  private static final Pattern FORM = Pattern.compile("[\\x21-\\x7e]{1,255}");

  private IdempotencyKeys() {}

  /** Returns the key, or null when the client sent none; rejects malformed keys. */
  public static String validate(String key) {
    if (key == null) {
      return null;
    }
    if (!FORM.matcher(key).matches()) {
      throw new ProblemException(
          CommonProblem.VALIDATION_FAILED,
          "The Idempotency-Key header is 1 to 255 visible ASCII characters.");
    }
    return key;
  }

  /** The fingerprint of a request: a retry must send the same method, path and body. */
  public static String requestHash(String method, String path, String canonicalBody) {
    return Digests.sha256Hex(method + " " + path + "\n" + (canonicalBody == null ? "" : canonicalBody));
  }

  /** The hash of a request with a JSON body (serialised canonically, as the journal stores it). */
  public static String requestHashOfJson(String method, String path, Object body) {
    return requestHash(
        method, path, body == null ? null : org.dataembassy.runtime.journal.JournalCodec.json().valueToTree(body).toString());
  }
}
