package org.dataembassy.failover.agreement;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import org.dataembassy.runtime.security.OperatorIdentity;

/**
 * An operator's signed order to force {@code site} active in control-plane generation {@code
 * generation} — what a forced promotion takes instead of the sites' votes, signed with the key of
 * the operator's certificate from the state root (the CLI signs it with {@code
 * data/operator/key.pem}). It travels with the promotion into the replicated history, so every
 * site, and every site that later meets the new generation, checks who ordered it.
 *
 * @param certificate the operator's certificate, DER, base64
 * @param signature ECDSA P-256 with SHA-256 over {@link #statement()}, DER, base64
 */
public record OperatorOrder(
    String site, int generation, String reason, long atMillis, String certificate, String signature) {

  public byte[] statement() {
    return statement(site, generation, reason, atMillis);
  }

  /** What the operator signs. */
  public static byte[] statement(String site, int generation, String reason, long atMillis) {
    return String.join("|", "embassy-forced-promotion", "v1", site, Integer.toString(generation), reason, Long.toString(atMillis))
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Why this order does not make {@code site} active in {@code generation}; empty if it does: an
   * operator's certificate (role operator) from {@code stateCa}, valid when the order was signed,
   * and a valid signature by its key over this very order.
   */
  public Optional<String> refusal(String forSite, int forGeneration, X509Certificate stateCa) {
    if (!forSite.equals(site) || forGeneration != generation) {
      return Optional.of("the operator's order is for " + site + " in generation " + generation);
    }
    if (certificate == null || signature == null || reason == null || certificate.length() > 8192) {
      return Optional.of("the operator's order is incomplete");
    }
    try {
      X509Certificate cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(certificate)));
      cert.verify(stateCa.getPublicKey());
      cert.checkValidity(new Date(atMillis));
      Optional<OperatorIdentity> who = OperatorIdentity.of(cert);
      if (who.isEmpty() || !who.get().mayChange()) {
        return Optional.of("the order's certificate is not an operator's");
      }
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(cert.getPublicKey());
      verifier.update(statement());
      if (!verifier.verify(Base64.getDecoder().decode(signature))) {
        return Optional.of("the operator's signature does not verify");
      }
      return Optional.empty();
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      return Optional.of("the operator's order does not verify: " + e.getMessage());
    }
  }

  /** The subject of the order's certificate, for the audit trail (null if unreadable). */
  public String operator() {
    try {
      X509Certificate cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(certificate)));
      return cert.getSubjectX500Principal().getName();
    } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }
}
