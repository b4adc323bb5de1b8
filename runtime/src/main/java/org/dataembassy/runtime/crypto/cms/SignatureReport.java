package org.dataembassy.runtime.crypto.cms;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.List;
import org.dataembassy.runtime.crypto.CitizenIdentity;

/**
 * The outcome of validating a citizen's CMS signature over a document digest.
 *
 * @param status {@code valid} when every check passed, {@code invalid} when one failed
 * @param signer who the signing certificate names, or null if there was none to read
 * @param claimedSigningTime the signer's {@code signingTime} attribute, or null
 * @param timestampTime the time the state TSA certified in the signature time-stamp, or null
 * @param validationTime the time the certificate's validity and status were judged at: the
 *     time-stamp's if a trusted one is present, otherwise the time of this validation — never the
 *     signer's own claim
 * @param validationTimeSource which of the two {@code validationTime} is
 * @param checks each check in order, with its outcome
 */
public record SignatureReport(
    Status status,
    CitizenIdentity signer,
    Instant claimedSigningTime,
    Instant timestampTime,
    Instant validationTime,
    TimeSource validationTimeSource,
    List<Check> checks) {

  /** Where the validation time comes from. */
  public enum TimeSource {
    /** A signature time-stamp from a TSA of the state. */
    SIGNATURE_TIMESTAMP,
    /** The time of the validation itself (no trusted time-stamp). */
    VALIDATION;

    @JsonValue
    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public enum Status {
    VALID,
    INVALID;

    @JsonValue
    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One check's outcome: {@code passed}, {@code failed} or {@code not_present}. */
  public record Check(String name, Outcome outcome, String detail) {}

  public enum Outcome {
    PASSED,
    FAILED,
    NOT_PRESENT;

    @JsonValue
    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static SignatureReport of(CitizenIdentity signer, Instant claimed, Instant stamped, List<Check> checks) {
    return of(signer, claimed, stamped, null, null, checks);
  }

  static SignatureReport of(
      CitizenIdentity signer, Instant claimed, Instant stamped, Instant judgedAt, TimeSource source, List<Check> checks) {
    boolean failed = checks.stream().anyMatch(c -> c.outcome() == Outcome.FAILED);
    return new SignatureReport(
        failed ? Status.INVALID : Status.VALID, signer, claimed, stamped, judgedAt, source, List.copyOf(checks));
  }
}
