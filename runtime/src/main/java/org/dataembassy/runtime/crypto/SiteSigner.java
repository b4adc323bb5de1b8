package org.dataembassy.runtime.crypto;

/**
 * Signs what this site writes for the other sites — journal entries, replicated sessions and
 * challenges — with its own signing key, inside its PKCS#11 token: what lets every other site tell
 * this site's writes from anyone else's. Callers sign domain-separated messages (a journal entry's
 * hash; {@code short-lived|...} for cache values), so one kind can never pass for another.
 */
public interface SiteSigner {

  /** This site's id, as its certificate names it. */
  String site();

  /** The signature over {@code message} (ECDSA P-256 with SHA-256, DER, base64). */
  String sign(byte[] message);
}
