package org.dataembassy.runtime.crypto.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dataembassy.runtime.crypto.Pem;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.SignerCertificates;
import org.jboss.logging.Logger;

/**
 * The sites' journal-signing certificates as the key ceremony delivers them to each site:
 * public certificates in {@code <site-dir>/pki/journal-<site>.pem}. One is accepted only if the
 * state CA issued it for journal signing and it names that site; a certificate delivered while the
 * site runs is read on first use.
 */
public final class JournalCertificateFiles implements SignerCertificates {

  private static final Logger LOG = Logger.getLogger(JournalCertificateFiles.class);

  private final Path pkiDir;
  private final X509Certificate ca;
  private final Map<String, X509Certificate> accepted = new ConcurrentHashMap<>();

  private final org.dataembassy.runtime.crypto.SiteRevocations revocations;

  public JournalCertificateFiles(Path pkiDir, X509Certificate ca) {
    this(pkiDir, ca, new org.dataembassy.runtime.crypto.SiteRevocations(pkiDir, ca, java.time.Clock.systemUTC()));
  }

  /** As the site uses them: nothing of a revoked site is accepted (its entries, sessions, challenges). */
  public JournalCertificateFiles(Path pkiDir, X509Certificate ca, org.dataembassy.runtime.crypto.SiteRevocations revocations) {
    this.pkiDir = pkiDir;
    this.ca = ca;
    this.revocations = revocations;
  }

  public static Path file(Path pkiDir, String site) {
    return pkiDir.resolve("journal-" + site + ".pem");
  }

  @Override
  public Optional<X509Certificate> of(String site) {
    if (site == null || !site.matches("[a-z0-9-]{1,40}") || revocations.siteRevoked(site)) {
      return Optional.empty();
    }
    X509Certificate known = accepted.get(site);
    if (known != null) {
      return Optional.of(known);
    }
    Path file = file(pkiDir, site);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      X509Certificate cert = Pem.readCertificate(file);
      cert.verify(ca.getPublicKey());
      cert.checkValidity(java.util.Date.from(Instant.now()));
      List<String> usage = cert.getExtendedKeyUsage();
      if (usage == null || !usage.contains(StateCertificateAuthority.JOURNAL_SIGNING.getId())
          || !cert.getSubjectX500Principal().getName().contains("Journal Signing (" + site + ")")) {
        LOG.errorf("EMB-JR-006 %s is not a journal-signing certificate of site %s: ignored", file, site);
        return Optional.empty();
      }
      accepted.put(site, cert);
      return Optional.of(cert);
    } catch (IOException | java.security.GeneralSecurityException e) {
      LOG.errorf("EMB-JR-006 the journal certificate %s of site %s is not the state CA's: ignored", file, site);
      return Optional.empty();
    }
  }
}
