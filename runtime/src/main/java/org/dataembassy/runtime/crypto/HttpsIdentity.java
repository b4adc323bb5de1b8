package org.dataembassy.runtime.crypto;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dataembassy.runtime.config.CryptoConfig;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.jboss.logging.Logger;

/**
 * The key and certificate chain of the site's HTTPS (the e-services on :8443, the management port,
 * the site's client side when it forwards a write). The key is made in memory at start and never
 * written anywhere: BoringSSL, which serves HTTPS at a quarter of the JDK's CPU cost
 * (docs/benchmarks.md), cannot sign in a PKCS#11 token. It is certified by the site's issuing CA,
 * whose key is in the token, for the service names, the site's own name and its address; the chain
 * (leaf, issuing CA) verifies to {@code data/ca.pem}. A host that takes the site's disks finds no
 * HTTPS key; one that revokes nothing can use the key only while it runs the process.
 */
@ApplicationScoped
public class HttpsIdentity {

  private static final Logger LOG = Logger.getLogger(HttpsIdentity.class);

  @Inject StatePki pki;
  @Inject SiteConfig site;
  @Inject FederationConfig federation;
  @Inject CryptoConfig config;

  private final Clock clock = Clock.systemUTC();
  private volatile Credential current;

  /**
   * Checks, before the site starts, that the key ceremony gave it what its HTTPS key is certified
   * with: the state root ({@code ca.pem}) and its issuing CA's certificate from that root, not
   * expired ({@code pki/issuing-ca-<site>.pem}; the key is in the token). An error names the file.
   */
  public static void require(Path dataDir, String siteId) throws IOException {
    Path rootFile = StateCertificateAuthority.certificateFile(dataDir);
    Path caFile = IssuingCas.file(dataDir.resolve(siteId).resolve("pki"), siteId);
    for (Path file : new Path[] {rootFile, caFile}) {
      if (!Files.exists(file)) {
        throw new IOException(file + " is missing: run the key ceremony (./embassy up)");
      }
    }
    X509Certificate ca = Pem.readCertificate(caFile);
    Optional<String> refusal =
        new IssuingCas(caFile.getParent(), Pem.readCertificate(rootFile), Clock.systemUTC()).refusal(ca, siteId);
    if (refusal.isPresent()) {
      throw new IOException(caFile + " is not this site's issuing CA: " + refusal.get() + "; run the key ceremony (./embassy up)");
    }
  }

  /** The key and chain in force; a new one once a third of the validity is left. */
  public Credential current() {
    Credential held = current;
    if (held == null || held.dueForRenewal(clock.instant())) {
      synchronized (this) {
        held = current;
        if (held == null || held.dueForRenewal(clock.instant())) {
          current = held = issue();
        }
      }
    }
    return held;
  }

  /** The current key and chain as Vert.x server or client options (PEM held in memory). */
  public PemKeyCertOptions keyCertOptions() {
    Credential credential = current();
    return new PemKeyCertOptions()
        .setKeyValue(Buffer.buffer(Pem.encodePrivateKey(credential.keyPair().getPrivate())))
        .setCertValue(Buffer.buffer(Pem.encode(credential.chain().toArray())));
  }

  private Credential issue() {
    String address = federation.site(site.id()).orElseThrow().address();
    Credential credential =
        Credential.issue(pki.certificateAuthority(), site.id(), federation.zone(), address, config.httpsCertificateValidity());
    LOG.infof(
        "EMB-CR-040 HTTPS key made in memory, certified by %s until %s (serial %s)",
        credential.chain().get(1).getSubjectX500Principal().getName(),
        credential.chain().get(0).getNotAfter().toInstant(),
        credential.chain().get(0).getSerialNumber().toString(16));
    return credential;
  }

  /**
   * An HTTPS key pair and its chain (leaf first, then the issuing CA), issued at {@code issuedAt}.
   */
  public record Credential(KeyPair keyPair, List<X509Certificate> chain, Instant issuedAt) {

    /**
     * A new P-256 key in memory, certified by {@code issuingCa} for the site's DNS names and
     * address, for {@code validity}.
     */
    public static Credential issue(
        StateCertificateAuthority issuingCa, String siteId, String zone, String address, Duration validity) {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X509Certificate leaf =
            issuingCa.certifyTlsKey(
                siteId + "." + zone, HttpsNames.dnsNames(siteId, zone), List.of(address), pair.getPublic(), validity);
        return new Credential(pair, List.of(leaf, issuingCa.certificate()), Instant.now());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot make the site's HTTPS key", e);
      }
    }

    /** Whether less than a third of the certificate's validity is left at {@code now}. */
    public boolean dueForRenewal(Instant now) {
      Instant notAfter = chain.get(0).getNotAfter().toInstant();
      Duration validity = Duration.between(issuedAt, notAfter);
      return now.isAfter(notAfter.minus(validity.dividedBy(3)));
    }
  }
}
