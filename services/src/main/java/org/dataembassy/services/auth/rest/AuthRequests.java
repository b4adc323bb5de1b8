package org.dataembassy.services.auth.rest;

/** Request bodies of the authentication API. */
public final class AuthRequests {

  private AuthRequests() {}

  /**
   * A login: the citizen's certificate (PEM), the challenge's nonce (base64, as {@code POST
   * /challenges} gave it) and the citizen's ECDSA signature with SHA-256 over the nonce's bytes
   * (DER, base64) — what {@code openssl dgst -sha256 -sign key.pem} writes.
   */
  public record Login(String certificate, String nonce, String signature) {}
}
