package org.dataembassy.cli.ceremony;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** Whether a site's certificate file needs the key ceremony: missing, or due for renewal. */
final class SiteCertificateFiles {

  /** The key ceremony re-issues a site's TLS and link certificates this long before they expire. */
  static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private SiteCertificateFiles() {}

  static boolean current(Path pem) {
    if (!Files.exists(pem)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(pem)) {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      return cert.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
    } catch (IOException | CertificateException e) {
      return false;
    }
  }
}
