package org.dataembassy.runtime.crypto.token;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;
import java.util.Optional;
import org.dataembassy.runtime.crypto.SigningIdentity;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;

/**
 * A token's own private keys, each stored with its certificate chain: a site's time-stamping
 * authority ({@code tsa}), OCSP responder ({@code ocsp}), journal ({@code journal}), issuing CA
 * ({@code issuing-ca}) and links to the other sites ({@code site-link}), certified by the state
 * root at the key ceremony; the state's own token holds the root ({@code state-root}). ECDSA P-256,
 * generated in the token, never extractable. Every site signs with keys of its own, so a
 * site lost to its host is cut off by revoking its certificates alone.
 */
public final class SiteSigningKeys {

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
      if (chain == null || chain.length == 0) {
        throw new IOException("the " + alias + " key in " + token + " has no certificate chain");
      }
      return Optional.of(new TokenKey(key, (X509Certificate) chain[0], (X509Certificate) chain[chain.length - 1]));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the " + alias + " key from " + token, e);
    }
  }

  /** The token alias of the site's issuing CA key (the CA of the enrolments made at the site). */
  public static final String ISSUING_CA = "issuing-ca";

  /**
   * For the key ceremony: a new P-256 key pair generated in the token (sensitive, not extractable),
   * not yet stored under an alias: {@link #store} does that once its certificate is known.
   */
  public static KeyPair generate(SiteToken token) throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", token.provider());
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot make a key in " + token, e);
    }
  }

  /**
   * For the key ceremony: stores a key of the token under {@code alias} with its certificate chain
   * (the key's certificate first), replacing what was there.
   */
  public static void store(SiteToken token, String alias, PrivateKey key, X509Certificate... chain) throws IOException {
    try {
      KeyStore store = token.keyStore();
      if (store.containsAlias(alias)) {
        store.deleteEntry(alias);
      }
      store.setKeyEntry(alias, key, null, chain);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot store the " + alias + " key in " + token, e);
    }
  }
}
