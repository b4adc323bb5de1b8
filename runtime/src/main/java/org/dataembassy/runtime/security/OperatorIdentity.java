package org.dataembassy.runtime.security;

import io.vertx.core.http.HttpServerRequest;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * A person operating the federation, as their client certificate says: its subject (what the
 * audit trail records) and its role. The TLS handshake has already checked the certificate
 * against the state root (the sites' HTTPS trusts only {@code data/ca.pem}); a certificate that
 * names no role — a citizen's, a site's — is nobody's operator certificate.
 */
public record OperatorIdentity(String subject, OperatorRole role) {

  private static final int URI_NAME = 6;

  /** The operator identity a certificate names, if it names one. */
  public static Optional<OperatorIdentity> of(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return Optional.empty();
      }
      for (List<?> name : names) {
        if (((Integer) name.get(0)) == URI_NAME && name.get(1) instanceof String uri) {
          Optional<OperatorRole> role = OperatorRole.fromUri(uri);
          if (role.isPresent()) {
            return Optional.of(new OperatorIdentity(certificate.getSubjectX500Principal().getName(), role.get()));
          }
        }
      }
      return Optional.empty();
    } catch (CertificateParsingException e) {
      return Optional.empty();
    }
  }

  /** The operator who made {@code request}, by the client certificate of its TLS session. */
  public static Optional<OperatorIdentity> of(HttpServerRequest request) {
    return clientCertificate(request).flatMap(OperatorIdentity::of);
  }

  /** As the header a forwarding site passes on ({@code <role>;<subject>}). */
  public String header() {
    return role.name().toLowerCase(java.util.Locale.ROOT) + ";" + subject;
  }

  /** Reads {@link #header()}; empty for anything else. */
  public static Optional<OperatorIdentity> fromHeader(String value) {
    if (value == null || value.length() > 1024 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      return Optional.empty();
    }
    int semicolon = value.indexOf(';');
    if (semicolon <= 0 || semicolon == value.length() - 1) {
      return Optional.empty();
    }
    return OperatorRole.parse(value.substring(0, semicolon)).map(role -> new OperatorIdentity(value.substring(semicolon + 1), role));
  }

  /** The leaf of the client certificate chain the request's TLS session verified, if any. */
  public static Optional<X509Certificate> clientCertificate(HttpServerRequest request) {
    SSLSession session = request == null ? null : request.sslSession();
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? Optional.of(leaf) : Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty(); // no client certificate
    }
  }

  public boolean mayChange() {
    return role == OperatorRole.OPERATOR;
  }
}
