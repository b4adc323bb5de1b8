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
import java.time.Duration;
import java.util.Locale;
import org.dataembassy.runtime.crypto.SigningIdentity;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;

/**
 * A site's own keys for the state's signing services — the time-stamping authority ({@code tsa}),
 * the OCSP responder ({@code ocsp}) and the site's journal ({@code journal}): ECDSA P-256 keys generated inside the site's token, never
 * extractable, each stored with its certificate from the state CA naming the site. Every site signs
 * with keys of its own, so a site lost to its host is cut off by revoking its certificates alone.
 */
public final class SiteSigningKeys {

  private static final Duration VALIDITY = Duration.ofDays(3 * 365);

  private SiteSigningKeys() {}

  /** The token alias of a service's key. */
  public static String alias(SigningService service) {
    return service == SigningService.TIME_STAMPING ? "tsa" : service.name().toLowerCase(Locale.ROOT);
  }

  /** The service's key and certificate from the token; an error naming the key if it is missing. */
  public static SigningIdentity load(SiteToken token, SigningService service) throws IOException {
    String alias = alias(service);
    try {
      KeyStore store = token.keyStore();
      if (!(store.getKey(alias, null) instanceof PrivateKey key)) {
        throw new IOException("the token of " + token + " holds no " + alias + " signing key: run the key ceremony");
      }
      Certificate[] chain = store.getCertificateChain(alias);
      if (chain == null || chain.length < 2) {
        throw new IOException("the " + alias + " key in " + token + " has no certificate chain");
      }
      return new SigningIdentity(key, (X509Certificate) chain[0], (X509Certificate) chain[chain.length - 1]);
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
    String alias = alias(service);
    try {
      KeyStore store = token.keyStore();
      if (store.containsAlias(alias)) {
        return false;
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", token.provider());
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      X509Certificate certificate = ca.certifySiteServiceKey(service, pair.getPublic(), siteId, VALIDITY);
      store.setKeyEntry(alias, pair.getPrivate(), null, new Certificate[] {certificate, ca.certificate()});
      return true;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot make the " + alias + " key in " + token, e);
    }
  }
}
