package org.dataembassy.runtime.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import org.dataembassy.runtime.config.SiteConfig;

/**
 * The state root's certificate ({@code <data-dir>/ca.pem}) as this site trusts it, read once: what
 * certifies the sites' keys and the operators who sign orders.
 */
@ApplicationScoped
public class StateRoot {

  @Inject SiteConfig site;

  private volatile X509Certificate certificate;

  public X509Certificate certificate() {
    X509Certificate read = certificate;
    if (read == null) {
      try {
        read = Pem.readCertificate(StateCertificateAuthority.certificateFile(site.dataDir()));
      } catch (IOException e) {
        throw new UncheckedIOException("EMB-CR-012 cannot read the state CA certificate", e);
      }
      certificate = read;
    }
    return read;
  }
}
