package org.dataembassy.runtime.crypto.ceremony;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.dataembassy.runtime.crypto.IssuingCas;
import org.dataembassy.runtime.crypto.Pem;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.ocsp.OcspDelegations;
import org.dataembassy.runtime.crypto.token.JournalCertificateFiles;
import org.dataembassy.runtime.crypto.token.SiteSigningKeys;
import org.dataembassy.runtime.crypto.token.SiteSigningKeys.TokenKey;
import org.dataembassy.runtime.crypto.token.SiteToken;

/**
 * A site's side of its certification at the key ceremony, run with the site's token: the keys
 * that have no current certificate from the state root ({@code data/ca.pem}) — missing, from
 * another root, or expiring within {@link CertifiedKey#RENEW_BEFORE} — are made anew in the token,
 * and a PKCS#10 request signed by each goes to the state's token; the
 * certificates that come back are checked (the root's, for exactly these keys) and stored with
 * their keys. A key whose certificate never comes back is never stored: the site keeps its old
 * one.
 */
public final class SiteKeyRequests {

  private final SiteToken token;
  private final Path dataDir;
  private final String site;
  private final X509Certificate root;
  private final Map<CertifiedKey, KeyPair> pending = new EnumMap<>(CertifiedKey.class);

  private SiteKeyRequests(SiteToken token, Path dataDir, String site, X509Certificate root) {
    this.token = token;
    this.dataDir = dataDir;
    this.site = site;
    this.root = root;
  }

  /** Makes the keys of {@code site} that need a certificate; {@link #requests()} asks for them. */
  public static SiteKeyRequests prepare(SiteToken token, Path dataDir, String site) throws IOException {
    Path rootFile = StateCertificateAuthority.certificateFile(dataDir);
    if (!Files.exists(rootFile)) {
      throw new IOException("the state root's certificate " + rootFile + " is missing: the state's ceremony comes first");
    }
    SiteKeyRequests requests = new SiteKeyRequests(token, dataDir, site, Pem.readCertificate(rootFile));
    for (CertifiedKey kind : CertifiedKey.values()) {
      if (!requests.current(kind)) {
        requests.pending.put(kind, SiteSigningKeys.generate(token));
      }
    }
    return requests;
  }

  /** The certification requests, one per key made. */
  public List<CeremonyMessages.Item> requests() throws IOException {
    List<CeremonyMessages.Item> requests = new ArrayList<>();
    for (var entry : pending.entrySet()) {
      KeyPair pair = entry.getValue();
      try {
        JcaContentSignerBuilder signer = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(token.provider());
        byte[] der =
            new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + site + " " + entry.getKey().id()), pair.getPublic())
                .build(signer.build(pair.getPrivate()))
                .getEncoded();
        requests.add(new CeremonyMessages.Item(entry.getKey(), der));
      } catch (OperatorCreationException e) {
        throw new IOException("cannot sign the request for the " + entry.getKey().id() + " key in " + token, e);
      }
    }
    return requests;
  }

  /**
   * Stores the keys with their certificates, once every one is checked (nothing is stored if one
   * fails), and publishes the site's public certificates in {@code pki/} and {@code tls/}. An
   * HTTPS key file an earlier layout left ({@code tls/site-key.pem}) is deleted.
   */
  public void install(List<CeremonyMessages.Item> certificates) throws IOException {
    Map<CertifiedKey, X509Certificate> issued = new EnumMap<>(CertifiedKey.class);
    for (CeremonyMessages.Item item : certificates) {
      KeyPair pair = pending.get(item.kind());
      if (pair == null) {
        throw new IOException("the state root certified a " + item.kind().id() + " key the site did not ask for");
      }
      X509Certificate certificate = certificate(item);
      try {
        certificate.verify(root.getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new IOException("the " + item.kind().id() + " certificate is not from the state root " + StateCertificateAuthority.certificateFile(dataDir));
      }
      if (!Arrays.equals(certificate.getPublicKey().getEncoded(), pair.getPublic().getEncoded())) {
        throw new IOException("the " + item.kind().id() + " certificate is for another key than the site's");
      }
      issued.put(item.kind(), certificate);
    }
    for (CertifiedKey kind : pending.keySet()) {
      if (!issued.containsKey(kind)) {
        throw new IOException("the state root did not certify the " + kind.id() + " key of " + site);
      }
    }
    for (var entry : issued.entrySet()) {
      SiteSigningKeys.store(token, entry.getKey().tokenAlias(), pending.get(entry.getKey()).getPrivate(), entry.getValue(), root);
    }
    publish();
    // the HTTPS key is made in memory at every start now (HttpsIdentity): no key file stays behind
    Files.deleteIfExists(siteDir().resolve("tls").resolve("site-key.pem"));
    Files.deleteIfExists(siteDir().resolve("tls").resolve("site-cert.pem"));
  }

  private boolean current(CertifiedKey kind) throws IOException {
    Optional<TokenKey> key = SiteSigningKeys.findKey(token, kind.tokenAlias());
    if (key.isEmpty()) {
      return false;
    }
    try {
      key.get().certificate().verify(root.getPublicKey());
    } catch (GeneralSecurityException e) {
      return false; // from another root (the data directory was reset)
    }
    return key.get().certificate().getNotAfter().toInstant().isAfter(Instant.now().plus(CertifiedKey.RENEW_BEFORE));
  }

  /**
   * The site's public certificates, for the ceremony to hand to every other site: its journal's
   * (others check its entries), its OCSP responder's (every issuing CA delegates to it), its
   * issuing CA's (others check its citizens), and its site-link chain.
   */
  private void publish() throws IOException {
    Path pki = siteDir().resolve("pki");
    publish(JournalCertificateFiles.file(pki, site), tokenCertificate(CertifiedKey.JOURNAL));
    publish(OcspDelegations.responderFile(pki, site), tokenCertificate(CertifiedKey.OCSP));
    publish(IssuingCas.file(pki, site), tokenCertificate(CertifiedKey.ISSUING_CA));
    Path link = siteDir().resolve("tls").resolve("link-cert.pem");
    String chain = Pem.encode(tokenCertificate(CertifiedKey.SITE_LINK), root);
    if (!Files.exists(link) || !Files.readString(link).equals(chain)) {
      Pem.write(link, chain, false);
    }
  }

  private X509Certificate tokenCertificate(CertifiedKey kind) throws IOException {
    return SiteSigningKeys.loadKey(token, kind.tokenAlias()).certificate();
  }

  private static void publish(Path file, X509Certificate certificate) throws IOException {
    String pem = Pem.encode(certificate);
    if (!Files.exists(file) || !Files.readString(file).equals(pem)) {
      Pem.write(file, pem, false);
    }
  }

  private static X509Certificate certificate(CeremonyMessages.Item item) throws IOException {
    try {
      return Pem.readCertificate(item.der());
    } catch (IOException e) {
      throw new IOException("the state root's answer for the " + item.kind().id() + " key is not a certificate");
    }
  }

  private Path siteDir() {
    return dataDir.resolve(site);
  }
}
