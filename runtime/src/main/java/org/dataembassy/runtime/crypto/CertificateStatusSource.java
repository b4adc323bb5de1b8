package org.dataembassy.runtime.crypto;

import java.math.BigInteger;

/** Answers, for a serial number of the state CA, what this site knows of that certificate. */
@FunctionalInterface
public interface CertificateStatusSource {

  CertificateStatus statusOf(BigInteger serial);

  /**
   * A number that changes whenever any status changes (an enrolment, a revocation), read before
   * {@link #statusOf}: an answer derived from the statuses holds while it is unchanged. Negative
   * (the default) if the source does not track changes: nothing derived from it may be kept.
   */
  default long version() {
    return -1;
  }
}
