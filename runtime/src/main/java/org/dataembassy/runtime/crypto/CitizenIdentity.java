package org.dataembassy.runtime.crypto;

import java.time.Instant;

/**
 * Who a citizen certificate of the state names.
 *
 * @param personalCode from the subject's {@code serialNumber} ({@code PNO<country>-<code>})
 * @param name the subject's common name
 * @param serial the certificate's serial number, upper-case hex (as {@code openssl x509 -serial})
 * @param notBefore start of validity
 * @param notAfter end of validity
 */
public record CitizenIdentity(
    String personalCode, String name, String serial, Instant notBefore, Instant notAfter) {

  @Override
  public String toString() {
    return "CitizenIdentity[serial=" + serial + "]"; // the code and name are personal data
  }
}
