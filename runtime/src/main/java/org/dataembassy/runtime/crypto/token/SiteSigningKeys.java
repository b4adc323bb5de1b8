package org.dataembassy.runtime.crypto.token;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.dataembassy.runtime.crypto.SigningIdentity;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;

/**
 * A site's own private keys inside its token, each stored with its certificate from the state CA:
 * the time-stamping authority ({@code tsa}), the OCSP responder ({@code ocsp}), the site's journal
 * ({@code journal}) and its links to the other sites ({@code site-link}). ECDSA P-256, generated in
 * the token at the key ceremony, never extractable. Every site signs with keys of its own, so a
 * site lost to its host is cut off by revoking its certificates alone.
 */
public final class SiteSigningKeys {

  private static final Duration VALIDITY = Duration.ofDays(3 * 365);

  /** A key in the token with its certificate and the certificate's issuer. */
  public record TokenKey(PrivateKey privateKey, X509Certificate certificate, X509Certificate issuer) {}

  private SiteSigningKeys() {}

  /** The token alias of a service's key. */
  public static String alias(SigningService service) {
    return service == SigningService.TIME_STAMPING ? "tsa" : service.name().toLowerCase(Locale.ROOT);
  }

  /** The service's key and certificate from the token; an error naming the key if it is missing. */
  public static SigningIdentity load(SiteToken token, SigningService service) throws IOException {
    TokenKey key = loadKey(token, alias(service));
    return new SigningIdentity(key.privateKey(), key.certificate(), key.issuer());
  }

  /** The key stored under {@code alias}; an error naming it if it is missing. */
  public static TokenKey loadKey(SiteToken token, String alias) throws IOException {
    return findKey(token, alias)
        .orElseThrow(() -> new IOException(
            "the token of " + token + " holds no " + alias + " key: run the key ceremony"));
  }

  /** The key stored under {@code alias}, if any. */
  public static Optional<TokenKey> findKey(SiteToken token, String alias) throws IOException {
    try {
      KeyStore store = token.keyStore();
      if (!(store.getKey(alias, null) instanceof PrivateKey key)) {
        return Optional.empty();
      }
      Certificate[] chain = store.getCertificateChain(alias);
      if (chain == null || chain.length < 2) {
        throw new IOException("the " + alias + " key in " + token + " has no certificate chain");
      }
      return Optional.of(new TokenKey(key, (X509Certificate) chain[0], (X509Certificate) chain[chain.length - 1]));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the " + alias + " key from " + token, e);
    }
  }

  /**
   * For the key ceremony: generates the service's key in the token and stores it with a
   * certificate from {@code ca}, unless the token holds one already. Returns whether it made one.
   */
  public static boolean ensure(SiteToken token, StateCertificateAuthority ca, SigningService service, String siteId)
      throws IOException {
    if (findKey(token, alias(service)).isPresent()) {
      return false;
    }
    generate(token, alias(service), ca, key -> ca.certifySiteServiceKey(service, key, siteId, VALIDITY));
    return true;
  }

  /** The token alias of the site's issuing CA key (the CA of the enrolments made at the site). */
  public static final String ISSUING_CA = "issuing-ca";

  /**
   * For the key ceremony: generates the site's issuing CA key in the token and stores it with its
   * certificate from the state root, unless the token holds one from this root. Returns whether
   * it made one.
   */
  public static boolean ensureIssuingCa(SiteToken token, StateCertificateAuthority root, String siteId)
      throws IOException {
    Optional<TokenKey> existing = findKey(token, ISSUING_CA);
    if (existing.isPresent() && existing.get().issuer().equals(root.certificate())) {
      return false;
    }
    generate(token, ISSUING_CA, root, key -> root.certifyIssuingCaKey(siteId, key, VALIDITY));
    return true;
  }

  /**
   * For the key ceremony: a new key pair in the token under {@code alias} (replacing one there),
   * stored with the certificate {@code certify} issues for its public key; returns the certificate.
   */
  public static X509Certificate generate(
      SiteToken token, String alias, StateCertificateAuthority ca, Function<PublicKey, X509Certificate> certify)
      throws IOException {
    try {
      KeyStore store = token.keyStore();
      if (store.containsAlias(alias)) {
        store.deleteEntry(alias);
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", token.provider());
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      X509Certificate certificate = certify.apply(pair.getPublic());
      store.setKeyEntry(alias, pair.getPrivate(), null, new Certificate[] {certificate, ca.certificate()});
      return certificate;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot make the " + alias + " key in " + token, e);
    }
  }
}
