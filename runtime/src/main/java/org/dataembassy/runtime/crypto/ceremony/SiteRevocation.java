package org.dataembassy.runtime.crypto.ceremony;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dataembassy.runtime.crypto.Pem;
import org.dataembassy.runtime.crypto.SiteRevocations;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.Revoked;

/**
 * Revoking a site lost to its host, at the state's ceremony (the state's token): every certificate
 * the root ever issued to it ({@link IssuedCertificates}) goes on the root's revocation list,
 * {@code data/state/revoked-sites.crl}, with those of every site revoked before — a new list, one
 * CRL number higher, signed in the state's token. The ceremony then hands it to every site ({@code
 * pki/revoked-sites.crl}), which refuses the site from then on ({@link SiteRevocations}).
 */
public final class SiteRevocation {

  /** Revocation is for good: the list is valid as long as the root itself. */
  private static final Duration VALIDITY = Duration.ofDays(3650);

  private SiteRevocation() {}

  public static Path file(Path stateDir) {
    return stateDir.resolve(SiteRevocations.FILE_NAME);
  }

  /** Whether the state's list names {@code site}. */
  public static boolean revoked(StateCertificateAuthority root, Path stateDir, String site) throws IOException {
    Path file = file(stateDir);
    if (!Files.exists(file)) {
      return false;
    }
    X509CRL list = SiteRevocations.read(file, root.certificate());
    return list.getRevokedCertificates() != null
        && list.getRevokedCertificates().stream().anyMatch(entry -> site.equals(SiteRevocations.siteOf(entry)));
  }

  /**
   * Adds every certificate of {@code site} to the list (a site revoked already gains only what
   * was issued since); returns how many certificates of the site the list names.
   */
  public static int revoke(StateCertificateAuthority root, Path stateDir, String site) throws IOException {
    List<X509Certificate> issued = IssuedCertificates.of(stateDir, site);
    if (issued.isEmpty()) {
      throw new IOException("the state root issued no certificate to a site " + site + ": nothing to revoke");
    }
    Map<BigInteger, Revoked> entries = new LinkedHashMap<>();
    BigInteger number = BigInteger.ONE;
    Path file = file(stateDir);
    if (Files.exists(file)) {
      X509CRL earlier = SiteRevocations.read(file, root.certificate());
      number = SiteRevocations.number(earlier).add(BigInteger.ONE);
      if (earlier.getRevokedCertificates() != null) {
        for (X509CRLEntry entry : earlier.getRevokedCertificates()) {
          entries.put(entry.getSerialNumber(), new Revoked(entry.getSerialNumber(), SiteRevocations.siteOf(entry), entry.getRevocationDate().toInstant()));
        }
      }
    }
    Instant now = Instant.now();
    for (X509Certificate certificate : issued) {
      entries.putIfAbsent(certificate.getSerialNumber(), new Revoked(certificate.getSerialNumber(), site, now));
    }
    X509CRL list = root.revocationList(new ArrayList<>(entries.values()), number, now.plus(VALIDITY));
    Pem.write(file, Pem.encode(list), false);
    return (int) entries.values().stream().filter(e -> site.equals(e.site())).count();
  }
}
