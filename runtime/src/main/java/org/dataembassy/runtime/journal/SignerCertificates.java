package org.dataembassy.runtime.journal;

import java.security.cert.X509Certificate;
import java.util.Optional;

/** The journal-signing certificate of each site of the federation, as the key ceremony delivered it. */
public interface SignerCertificates {

  /** The site's journal certificate, checked against the state CA; empty if none was delivered. */
  Optional<X509Certificate> of(String site);
}
