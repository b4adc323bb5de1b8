package org.dataembassy.services.eid.rest;

import java.util.List;

/** Request bodies of the eID certificate register API. */
public final class CertificateRequests {

  private CertificateRequests() {}

  /**
   * Enrol a citizen: the state CA certifies {@code publicKey} (PEM, ECDSA P-256), which the citizen
   * generated and keeps with its private key.
   */
  public record Enrol(String personalCode, String name, String publicKey, List<String> roles) {}

  /** Revoke every valid certificate of a person. */
  public record RevokePerson(String personalCode, String reason) {}

  /** Revoke one certificate. */
  public record Revoke(String reason) {}
}
