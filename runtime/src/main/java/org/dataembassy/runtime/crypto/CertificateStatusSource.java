package org.dataembassy.runtime.crypto;

import java.math.BigInteger;

/** Answers, for a serial number of the state CA, what this site knows of that certificate. */
@FunctionalInterface
public interface CertificateStatusSource {

  CertificateStatus statusOf(BigInteger serial);
}
