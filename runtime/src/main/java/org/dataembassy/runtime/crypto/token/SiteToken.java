package org.dataembassy.runtime.crypto.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * A PKCS#11 token through the JDK's SunPKCS11 provider: SoftHSM2 in the local federation and the
 * tests, an HSM in production (the same configuration file format, another {@code library}). Keys
 * made here are generated inside the token, sensitive and not extractable (the configuration's
 * {@code attributes(generate, ...)}), and used through the token: their bytes never reach this
 * process. One token per site, and one for the state (the root of the key ceremony).
 */
public final class SiteToken {

  private final Provider provider;
  private final KeyStore store;
  private final Path configFile;

  private SiteToken(Provider provider, KeyStore store, Path configFile) {
    this.provider = provider;
    this.store = store;
    this.configFile = configFile;
  }

  /**
   * Opens the token a SunPKCS11 configuration file names and logs in with the PIN.
   *
   * @throws IOException naming the file, if the configuration is missing or the token does not
   *     open (wrong library, slot or PIN)
   */
  public static SiteToken open(Path configFile, char[] pin) throws IOException {
    if (!Files.isRegularFile(configFile)) {
      throw new IOException("the PKCS#11 token configuration " + configFile + " is missing");
    }
    Provider provider;
    try {
      provider = Security.getProvider("SunPKCS11").configure(configFile.toString());
    } catch (RuntimeException e) {
      throw new IOException(
          "the PKCS#11 token of " + configFile + " does not open (library, slot, SOFTHSM2_CONF): " + rootMessage(e), e);
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS11", provider);
      store.load(null, pin);
      return new SiteToken(provider, store, configFile);
    } catch (GeneralSecurityException | IOException e) {
      throw new IOException("cannot log in to the PKCS#11 token of " + configFile + " (wrong PIN?)", e);
    }
  }

  /** The provider that computes with this token's keys. */
  public Provider provider() {
    return provider;
  }

  /** The token's key store (SunPKCS11's view of its objects), for key entries with certificates. */
  KeyStore keyStore() {
    return store;
  }

  /**
   * Installs the token's provider among the JVM's (last, so it is chosen only for its own keys): the
   * JDK's TLS picks the provider of a signature by the key, among installed providers only.
   */
  public synchronized void installProvider() {
    if (Security.getProvider(provider.getName()) == null) {
      Security.addProvider(provider);
    }
  }

  /** A secret key stored in the token under {@code alias}. */
  public Optional<SecretKey> secretKey(String alias) throws IOException {
    try {
      Key key = store.getKey(alias, null);
      return key instanceof SecretKey secret ? Optional.of(secret) : Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read key " + alias + " from the token of " + configFile, e);
    }
  }

  /** The secret key stored under {@code alias}; a missing key is an error that names it. */
  public SecretKey requireSecretKey(String alias) throws IOException {
    return secretKey(alias)
        .orElseThrow(
            () -> new IOException("the token of " + configFile + " holds no key '" + alias + "'"));
  }

  /**
   * Generates an AES-256 key inside the token and stores it under {@code alias}: for the key
   * ceremony only, never at a site's start.
   */
  public SecretKey generateAesKey(String alias) throws IOException {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
      generator.init(256);
      SecretKey key = generator.generateKey();
      store.setEntry(alias, new KeyStore.SecretKeyEntry(key), null);
      return requireSecretKey(alias);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot generate key " + alias + " in the token of " + configFile, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  @Override
  public String toString() {
    return "SiteToken[" + configFile + "]";
  }
}
