package org.dataembassy.runtime.crypto.ocsp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.dataembassy.runtime.crypto.IssuingCas;
import org.dataembassy.runtime.crypto.Pem;
import org.jboss.logging.Logger;

/**
 * The OCSP delegations between sites, as public files the key ceremony hands every site under
 * {@code <site-dir>/pki/}: {@code ocsp-<site>.pem}, a site's responder certificate from the state
 * root (it answers for what the root issues), and {@code ocsp-<responder>-by-<issuer>.pem}, the
 * certificate by which the issuing CA of site {@code issuer} delegates OCSP for its citizens to
 * the responder key of site {@code responder}. RFC 6960 §4.2.2.2 (and {@code openssl ocsp}) trust
 * a response about a certificate only from its CA or from a responder that CA certified.
 */
public final class OcspDelegations {

  private static final Logger LOG = Logger.getLogger(OcspDelegations.class);
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);
  private static final String OCSP_SIGNING = KeyPurposeId.id_kp_OCSPSigning.getId();

  /** One delegation: the responder's certificate from an issuing CA, and that CA's certificate. */
  public record Delegation(X509Certificate certificate, X509Certificate issuingCa) {}

  private OcspDelegations() {}

  public static Path responderFile(Path pkiDir, String site) {
    return pkiDir.resolve("ocsp-" + site + ".pem");
  }

  public static Path delegationFile(Path pkiDir, String responder, String issuer) {
    return pkiDir.resolve("ocsp-" + responder + "-by-" + issuer + ".pem");
  }

  /** The sites' responder certificates in {@code pkiDir} that the state root issued, by site. */
  public static Map<String, X509Certificate> responders(Path pkiDir, X509Certificate root) throws IOException {
    Map<String, X509Certificate> responders = new TreeMap<>();
    for (Path file : files(pkiDir)) {
      String name = file.getFileName().toString();
      if (name.contains("-by-")) {
        continue;
      }
      String site = name.substring("ocsp-".length(), name.length() - ".pem".length());
      X509Certificate cert = Pem.readCertificate(file);
      if (signedBy(cert, root) && ocspSigning(cert)) {
        responders.put(site, cert);
      } else {
        LOG.errorf("EMB-CR-022 %s is not an OCSP responder certificate from the state root: ignored", file);
      }
    }
    return responders;
  }

  /** Whether {@code file} holds a delegation from {@code issuingCa} to {@code key}, not due for renewal. */
  public static boolean current(Path file, X509Certificate issuingCa, PublicKey key) throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    X509Certificate cert = Pem.readCertificate(file);
    return signedBy(cert, issuingCa)
        && cert.getPublicKey().equals(key)
        && cert.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
  }

  /**
   * The delegations to this site's responder ({@code responder}, its certificate from the root)
   * from every issuing CA the site accepts; a file that is not one is logged and skipped.
   */
  public static List<Delegation> toResponder(Path pkiDir, String site, X509Certificate responder, IssuingCas issuingCas)
      throws IOException {
    List<Delegation> delegations = new ArrayList<>();
    for (Path file : files(pkiDir)) {
      String name = file.getFileName().toString();
      if (!name.startsWith("ocsp-" + site + "-by-")) {
        continue;
      }
      X509Certificate cert;
      try {
        cert = Pem.readCertificate(file);
      } catch (IOException | RuntimeException e) {
        LOG.errorf("EMB-CR-023 %s is not a certificate: ignored", file);
        continue;
      }
      Optional<X509Certificate> issuer = issuingCas.named(cert.getIssuerX500Principal());
      if (issuer.isEmpty() || !signedBy(cert, issuer.get()) || !ocspSigning(cert)
          || !cert.getPublicKey().equals(responder.getPublicKey())) {
        LOG.errorf("EMB-CR-023 %s is not an OCSP delegation of an issuing CA to this site's responder: ignored", file);
        continue;
      }
      delegations.add(new Delegation(cert, issuer.get()));
    }
    return delegations;
  }

  private static List<Path> files(Path pkiDir) throws IOException {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(pkiDir)) {
      return files;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(pkiDir, "ocsp-*.pem")) {
      stream.forEach(files::add);
    }
    files.sort(null);
    return files;
  }

  private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
    try {
      cert.verify(issuer.getPublicKey());
      return cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static boolean ocspSigning(X509Certificate cert) {
    try {
      List<String> usage = cert.getExtendedKeyUsage();
      return usage != null && usage.contains(OCSP_SIGNING);
    } catch (CertificateParsingException e) {
      return false;
    }
  }
}
