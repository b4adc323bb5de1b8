package org.dataembassy.runtime.crypto;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;
import org.jboss.logging.Logger;

/**
 * The sites' issuing CAs, intermediates of the state root with {@code pathLen 0}: each site
 * enrols citizens with its own, in its token, so the root's key is at no site. The key ceremony
 * hands every site the certificates of all of them ({@code <site-dir>/pki/issuing-ca-<site>.pem},
 * public); one is accepted only if the state root issued it as a CA that certifies no further CA,
 * and it names the site of its file. A certificate delivered while the site runs is read when an
 * unknown issuer is first seen (the directory at most once a second). Thread-safe.
 */
public final class IssuingCas {

  private static final Logger LOG = Logger.getLogger(IssuingCas.class);
  private static final long RESCAN_MILLIS = 1_000;
  private static final int MAX_FILES = 256;

  private final Path pkiDir;
  private final X509Certificate root;
  private final Clock clock;
  private final Map<X500Principal, X509Certificate> accepted = new ConcurrentHashMap<>();
  private final SiteRevocations revocations;
  private volatile long lastScanMillis = Long.MIN_VALUE;

  public IssuingCas(Path pkiDir, X509Certificate root, Clock clock) {
    this(pkiDir, root, clock, new SiteRevocations(pkiDir, root, clock));
  }

  /** As the site uses them: an issuing CA of a revoked site is no longer accepted. */
  public IssuingCas(Path pkiDir, X509Certificate root, Clock clock, SiteRevocations revocations) {
    this.pkiDir = pkiDir;
    this.root = root;
    this.clock = clock;
    this.revocations = revocations;
    scan();
  }

  public static Path file(Path pkiDir, String site) {
    return pkiDir.resolve("issuing-ca-" + site + ".pem");
  }

  /** The state root every issuing CA chains to. */
  public X509Certificate root() {
    return root;
  }

  /** The accepted issuing CA whose subject is {@code issuer}, if any and not revoked. */
  public Optional<X509Certificate> named(X500Principal issuer) {
    X509Certificate known = accepted.get(issuer);
    if (known == null && clock.millis() - lastScanMillis >= RESCAN_MILLIS) {
      scan();
      known = accepted.get(issuer);
    }
    return Optional.ofNullable(known).filter(ca -> !revocations.revoked(ca));
  }

  /** Every issuing CA accepted so far and not revoked. */
  public Collection<X509Certificate> all() {
    return accepted.values().stream().filter(ca -> !revocations.revoked(ca)).toList();
  }

  /** Whether {@code ca} is the certificate of a revoked site's issuing CA. */
  public boolean revoked(X509Certificate ca) {
    return revocations.revoked(ca);
  }

  private synchronized void scan() {
    lastScanMillis = clock.millis();
    if (!Files.isDirectory(pkiDir)) {
      return;
    }
    int seen = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(pkiDir, "issuing-ca-*.pem")) {
      for (Path file : files) {
        if (++seen > MAX_FILES) {
          break;
        }
        String name = file.getFileName().toString();
        String site = name.substring("issuing-ca-".length(), name.length() - ".pem".length());
        accept(file, site);
      }
    } catch (IOException e) {
      LOG.errorf("EMB-CR-020 cannot read the issuing CAs in %s: %s", pkiDir, e.getMessage());
    }
  }

  private void accept(Path file, String site) {
    try {
      X509Certificate ca = Pem.readCertificate(file);
      if (accepted.get(ca.getSubjectX500Principal()) != null
          && accepted.get(ca.getSubjectX500Principal()).equals(ca)) {
        return;
      }
      Optional<String> refusal = refusal(ca, site);
      if (refusal.isPresent()) {
        LOG.errorf("EMB-CR-021 %s is not an issuing CA of site %s: %s; ignored", file, site, refusal.get());
        return;
      }
      accepted.put(ca.getSubjectX500Principal(), ca);
    } catch (IOException | RuntimeException e) {
      LOG.errorf("EMB-CR-021 %s is not a certificate: ignored", file);
    }
  }

  /** Whether {@code ca} is named as the issuing CA of {@code site} ({@code GOV Issuing CA (lux)}). */
  public static boolean isOf(X509Certificate ca, String site) {
    return ca.getSubjectX500Principal().getName().contains(StateCertificateAuthority.ISSUING_CA_NAME + " (" + site + ")");
  }

  /** Why {@code ca} is not the state root's issuing CA of {@code site}; empty if it is. */
  public Optional<String> refusal(X509Certificate ca, String site) {
    try {
      ca.verify(root.getPublicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.of("not issued by the state root");
    }
    if (!ca.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
      return Optional.of("its issuer is not the state root");
    }
    if (ca.getBasicConstraints() != 0) {
      return Optional.of("not a CA limited to certifying end entities (pathLen 0)");
    }
    if (!isOf(ca, site)) {
      return Optional.of("it names another site");
    }
    if (!CitizenCertificates.validAt(ca, clock.instant())) {
      return Optional.of("not valid now");
    }
    return Optional.empty();
  }
}
