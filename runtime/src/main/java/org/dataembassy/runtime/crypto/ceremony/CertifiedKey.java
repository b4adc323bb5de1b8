package org.dataembassy.runtime.crypto.ceremony;

import java.time.Duration;
import java.util.Optional;

/**
 * The keys of a site the state root certifies at the key ceremony, each generated in the site's
 * token and stored there under its alias with its certificate. (The HTTPS key is not among them:
 * it is made in memory at every start and certified by the site's issuing CA, {@code
 * HttpsIdentity}.)
 */
public enum CertifiedKey {
  /** The site's time-stamping authority. */
  TSA("tsa", Duration.ofDays(3 * 365)),
  /** The site's OCSP responder (every site's issuing CA delegates to it as well). */
  OCSP("ocsp", Duration.ofDays(3 * 365)),
  /** The key that signs the site's journal entries, sessions and challenges. */
  JOURNAL("journal", Duration.ofDays(3 * 365)),
  /** The site's issuing CA: the citizens enrolled there (an intermediate, pathLen 0). */
  ISSUING_CA("issuing-ca", Duration.ofDays(3 * 365)),
  /** The site's links to the other sites (Raft, replication), naming it {@code urn:embassy:site:<id>}. */
  SITE_LINK("site-link", Duration.ofDays(397));

  /** A certificate due to expire within this is renewed (with a new key) by the next ceremony. */
  public static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private final String id;
  private final Duration validity;

  CertifiedKey(String id, Duration validity) {
    this.id = id;
    this.validity = validity;
  }

  /** The name in the ceremony's messages, and the token alias of every key kept in the token. */
  public String id() {
    return id;
  }

  public Duration validity() {
    return validity;
  }

  /** The alias of the key in the site's token. */
  public String tokenAlias() {
    return id;
  }

  public static Optional<CertifiedKey> parse(String id) {
    for (CertifiedKey kind : values()) {
      if (kind.id.equals(id)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
