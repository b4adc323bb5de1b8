package org.dataembassy.runtime.crypto.ceremony;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.dataembassy.runtime.crypto.Pem;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.token.SiteSigningKeys;
import org.dataembassy.runtime.crypto.token.SiteSigningKeys.TokenKey;
import org.dataembassy.runtime.crypto.token.SiteToken;

/**
 * The state root's key, in the state's own token ({@code data/state/}, standing for the offline
 * root of a real ceremony) and nowhere else: made there once, its certificate published as {@code
 * <data-dir>/ca.pem}, used only by the key ceremony's steps that run with that token. No site's
 * process ever opens it.
 */
public final class StateRootKey {

  /** The token alias of the root's key. */
  public static final String ALIAS = "state-root";

  private StateRootKey() {}

  /**
   * The root in the state's token, made first if the token holds none and no {@code ca.pem} exists
   * (a {@code ca.pem} without the key in the token is an error: it belongs to another root).
   */
  public static StateCertificateAuthority ensure(SiteToken stateToken, Path dataDir, String stateName) throws IOException {
    Optional<TokenKey> existing = SiteSigningKeys.findKey(stateToken, ALIAS);
    if (existing.isPresent()) {
      return published(existing.get(), stateToken, dataDir);
    }
    Path published = StateCertificateAuthority.certificateFile(dataDir);
    if (Files.exists(published)) {
      throw new IOException(
          published + " exists but the state's token holds no root key: it belongs to another state root"
              + " (an earlier Embassy kept the root's key in a plain file); remove " + dataDir + " and start again");
    }
    KeyPair pair = SiteSigningKeys.generate(stateToken);
    StateCertificateAuthority root =
        StateCertificateAuthority.selfSigned(stateName, pair.getPublic(), pair.getPrivate(), stateToken.provider());
    SiteSigningKeys.store(stateToken, ALIAS, pair.getPrivate(), root.certificate());
    root.writeCertificate(dataDir);
    return root;
  }

  /** The root in the state's token; an error naming the key if it is missing or is not {@code ca.pem}'s. */
  public static StateCertificateAuthority load(SiteToken stateToken, Path dataDir) throws IOException {
    TokenKey key = SiteSigningKeys.loadKey(stateToken, ALIAS);
    return published(key, stateToken, dataDir);
  }

  private static StateCertificateAuthority published(TokenKey key, SiteToken stateToken, Path dataDir) throws IOException {
    Path published = StateCertificateAuthority.certificateFile(dataDir);
    if (!Files.exists(published)) {
      Pem.write(published, Pem.encode(key.certificate()), false);
    } else {
      X509Certificate trusted = Pem.readCertificate(published);
      if (!trusted.equals(key.certificate())) {
        throw new IOException(published + " is not the certificate of the root key in the state's token " + stateToken);
      }
    }
    return StateCertificateAuthority.withKey(key.certificate(), key.privateKey(), stateToken.provider());
  }
}
