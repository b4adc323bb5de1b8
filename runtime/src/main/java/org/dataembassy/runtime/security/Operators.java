package org.dataembassy.runtime.security;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.crypto.IssuingCas;
import org.dataembassy.runtime.crypto.StatePki;
import org.dataembassy.runtime.rest.ProblemException;

/**
 * Who operates, for a request: the operator or auditor whose client certificate (from the state
 * root) the TLS session verified; or, for a write a standby forwarded to the active site, the one
 * the forwarding site names in {@value #FORWARDED_HEADER} — believed only when the request comes
 * with a site's own HTTPS certificate (CN {@code <site>.<zone>} of this federation, issued by that
 * site's issuing CA, not revoked), never from a citizen.
 */
@ApplicationScoped
public class Operators {

  public static final String FORWARDED_HEADER = "Embassy-Forwarded-Operator";

  @Inject FederationConfig federation;
  @Inject StatePki pki;

  public Optional<OperatorIdentity> of(HttpServerRequest request) {
    Optional<X509Certificate> leaf = OperatorIdentity.clientCertificate(request);
    if (leaf.isEmpty()) {
      return Optional.empty();
    }
    Optional<OperatorIdentity> own = OperatorIdentity.of(leaf.get());
    if (own.isPresent()) {
      return own;
    }
    String forwarded = request.getHeader(FORWARDED_HEADER);
    return forwarded != null && isSiteCertificate(leaf.get()) ? OperatorIdentity.fromHeader(forwarded) : Optional.empty();
  }

  /** Whether the request comes on another site's (or this site's) own HTTPS certificate. */
  public boolean fromSite(HttpServerRequest request) {
    return OperatorIdentity.clientCertificate(request).filter(this::isSiteCertificate).isPresent();
  }

  /** The operator who may change things with this request; 401 without one, 403 for an auditor. */
  public OperatorIdentity require(HttpServerRequest request) {
    OperatorIdentity who =
        of(request)
            .orElseThrow(
                () ->
                    new ProblemException(
                        SecurityProblem.UNAUTHENTICATED,
                        "Operator calls present an operator's client certificate from the state root"
                            + " (curl --cert data/operator/cert.pem --key data/operator/key.pem)."));
    if (!who.mayChange()) {
      throw new ProblemException(SecurityProblem.FORBIDDEN, "An auditor's certificate reads only.");
    }
    return who;
  }

  /** An operator or an auditor: who may read the management endpoints. */
  public OperatorIdentity requireReader(HttpServerRequest request) {
    return of(request)
        .orElseThrow(
            () -> new ProblemException(SecurityProblem.UNAUTHENTICATED, "Present an operator's or auditor's client certificate."));
  }

  private boolean isSiteCertificate(X509Certificate certificate) {
    String subject = certificate.getSubjectX500Principal().getName();
    IssuingCas issuingCas = pki.issuingCas();
    return federation.siteIds().stream()
        .filter(site -> subject.equals("CN=" + site + "." + federation.zone()))
        .anyMatch(
            site ->
                issuingCas
                    .named(certificate.getIssuerX500Principal())
                    .filter(ca -> IssuingCas.isOf(ca, site)) // accepted from the root, not revoked
                    .isPresent());
  }
}
