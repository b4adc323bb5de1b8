package org.dataembassy.runtime.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.jboss.logging.Logger;

/**
 * The sites the state has revoked, as a site learns it: the state root's revocation list in {@code
 * pki/revoked-sites.crl}, handed to every site by {@code ./embassy site revoke}. A list counts only
 * if the root signed it; what it revokes is never forgotten while the site runs, even if the file
 * is later replaced or removed. Read again at most once a second when it changed, so a revocation
 * takes effect at a running site within about a second.
 *
 * <p>Every check of a site's certificates goes through here: its site-link certificate (no
 * handshake, no message), its journal certificate (no entry, no session, no challenge), its issuing
 * CA (no citizen it enrolled), and OCSP (revoked).
 */
public final class SiteRevocations {

  private static final Logger LOG = Logger.getLogger(SiteRevocations.class);

  /** The list's name, in the state's directory and in every site's {@code pki/}. */
  public static final String FILE_NAME = "revoked-sites.crl";

  /** A revoked certificate of the root: since when, and the site it was issued to. */
  public record Revocation(Instant at, String site) {}

  /** What the list in force revokes: its CRL number, the sites, how many certificates. */
  public record Summary(BigInteger number, Set<String> sites, int certificates) {}

  /** Why a list handed to the site was not taken; nothing changed. */
  public static final class Refused extends Exception {
    private final boolean older;

    Refused(String message, boolean older) {
      super(message);
      this.older = older;
    }

    /** The list was the root's, but older than the one in force (a replay). */
    public boolean older() {
      return older;
    }
  }

  /** The largest list a site takes (a list of every certificate of every site is a few KB). */
  public static final int MAX_BYTES = 1_000_000;

  private final Path file;
  private final X509Certificate root;
  private final Clock clock;
  private volatile Map<BigInteger, Revocation> revoked = Map.of();
  private volatile Set<String> sites = Set.of();
  private volatile long version;
  private volatile BigInteger number = BigInteger.valueOf(-1);
  private Instant checkedAt = Instant.MIN;
  private FileTime seen;

  public SiteRevocations(Path pkiDir, X509Certificate root, Clock clock) {
    this.file = pkiDir.resolve(FILE_NAME);
    this.root = root;
    this.clock = clock;
  }

  /** The certificate is the root's and on its list. */
  public boolean revoked(X509Certificate certificate) {
    refresh();
    return certificate.getIssuerX500Principal().equals(root.getSubjectX500Principal())
        && revoked.containsKey(certificate.getSerialNumber());
  }

  /** A certificate of {@code site} is on the list (the site as a whole is revoked). */
  public boolean siteRevoked(String site) {
    refresh();
    return sites.contains(site);
  }

  /** The revocation of the root's certificate {@code serial}, if it is on the list. */
  public Optional<Revocation> of(BigInteger serial) {
    refresh();
    return Optional.ofNullable(revoked.get(serial));
  }

  /** What the lists taken so far revoke. */
  public Summary summary() {
    refresh();
    return new Summary(number.max(BigInteger.ZERO), new java.util.TreeSet<>(sites), revoked.size());
  }

  /**
   * Takes a list handed to the site (the management port's {@code PUT
   * /operator/site-revocations}): only the root's, only if not older than the list in force; it
   * replaces {@code pki/revoked-sites.crl} atomically and is in force on return.
   */
  public synchronized Summary install(byte[] der) throws Refused, IOException {
    refresh();
    X509CRL list;
    try {
      list = parse(der, root);
    } catch (IOException e) {
      throw new Refused("not a revocation list of the state root: " + e.getMessage(), false);
    }
    BigInteger offered = number(list);
    if (offered.compareTo(number) < 0) {
      throw new Refused("CRL number " + offered + " is older than the list in force (" + number + ")", true);
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    Files.write(tmp, der);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    seen = Files.getLastModifiedTime(file);
    take(list);
    return new Summary(number, new java.util.TreeSet<>(sites), revoked.size());
  }

  /** Changes whenever the list gains an entry. */
  public long version() {
    refresh();
    return version;
  }

  private synchronized void refresh() {
    Instant now = clock.instant();
    if (now.isBefore(checkedAt.plusSeconds(1))) {
      return;
    }
    checkedAt = now;
    try {
      if (!Files.exists(file)) {
        return;
      }
      FileTime modified = Files.getLastModifiedTime(file);
      if (modified.equals(seen)) {
        return;
      }
      seen = modified;
      take(read(file, root));
    } catch (IOException e) {
      LOG.errorf("EMB-CR-031 %s is not a revocation list of the state root: ignored (%s)", file, e.getMessage());
    }
  }

  /** Adds what {@code list} revokes to what is in force; nothing is ever taken away. */
  private void take(X509CRL list) {
    number = number.max(number(list));
    Map<BigInteger, Revocation> merged = new HashMap<>(revoked);
    Set<String> named = new HashSet<>(sites);
    if (list.getRevokedCertificates() != null) {
      for (X509CRLEntry entry : list.getRevokedCertificates()) {
        String site = siteOf(entry);
        merged.putIfAbsent(entry.getSerialNumber(), new Revocation(entry.getRevocationDate().toInstant(), site));
        if (site != null) {
          named.add(site);
        }
      }
    }
    if (merged.size() != revoked.size()) {
      revoked = Map.copyOf(merged);
      sites = Set.copyOf(named);
      version++;
      LOG.warnf("EMB-CR-030 the state root's revocation list %s revokes site(s) %s (%d certificates): refused from now on",
          file, new java.util.TreeSet<>(named), merged.size());
    }
  }

  /** Reads a CRL of {@code root} from {@code file}; an error if it is not one the root signed. */
  public static X509CRL read(Path file, X509Certificate root) throws IOException {
    return parse(Files.readAllBytes(file), root);
  }

  /** Parses a CRL of {@code root}; an error if it is not one the root signed. */
  public static X509CRL parse(byte[] bytes, X509Certificate root) throws IOException {
    try {
      if (bytes.length > MAX_BYTES) {
        throw new IOException("larger than 1 MB");
      }
      X509CRL list = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes));
      if (!list.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
        throw new IOException("issued by " + list.getIssuerX500Principal().getName());
      }
      list.verify(root.getPublicKey());
      return list;
    } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
      throw new IOException("not signed by the state root: " + e.getMessage());
    }
  }

  /** The list's CRL number (zero if it has none). */
  public static BigInteger number(X509CRL list) {
    byte[] value = list.getExtensionValue(Extension.cRLNumber.getId());
    if (value == null) {
      return BigInteger.ZERO;
    }
    try {
      return org.bouncycastle.asn1.ASN1Integer.getInstance(ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value).getOctets())).getValue();
    } catch (IOException | IllegalArgumentException e) {
      return BigInteger.ZERO;
    }
  }

  /** The site an entry names ({@link StateCertificateAuthority#REVOKED_SITE}); null if none. */
  public static String siteOf(X509CRLEntry entry) {
    byte[] value = entry.getExtensionValue(StateCertificateAuthority.REVOKED_SITE.getId());
    if (value == null) {
      return null;
    }
    try {
      return DERUTF8String.getInstance(ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value).getOctets())).getString();
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
