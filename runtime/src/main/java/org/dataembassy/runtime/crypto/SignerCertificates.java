package org.dataembassy.runtime.crypto;

import java.security.cert.X509Certificate;
import java.util.Optional;

/** The signing certificate of each site of the federation, as the key ceremony delivered it. */
public interface SignerCertificates {

  /** The site's certificate, checked against the state CA; empty if none was delivered. */
  Optional<X509Certificate> of(String site);
}
