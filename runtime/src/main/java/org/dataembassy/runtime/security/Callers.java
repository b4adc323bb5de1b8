package org.dataembassy.runtime.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.dataembassy.runtime.rest.ProblemException;

/** Tells who a request comes from by its {@code Authorization} header. */
@ApplicationScoped
public class Callers {

  @Inject Operators operators;
  @Inject Sessions sessions;

  /**
   * The caller: the operator whose client certificate the request carries (or the forwarding
   * site names), anonymous without the header, the citizen
   * whose live session the token names; 401 for any other credential.
   */
  public Caller resolve(String authorization, io.vertx.core.http.HttpServerRequest request) {
    if (operators.of(request).filter(OperatorIdentity::mayChange).isPresent()) {
      return Caller.operator();
    }
    if (authorization == null || authorization.isBlank()) {
      return Caller.anonymous();
    }
    String token = BearerToken.of(authorization);
    if (token == null) {
      throw new ProblemException(
          SecurityProblem.UNAUTHENTICATED, "Use 'Authorization: Bearer <session token>'.");
    }
    return sessions
        .find(token)
        .map(s -> Caller.citizen(s.personalCode(), s.roles()))
        .orElseThrow(
            () ->
                new ProblemException(
                    SecurityProblem.SESSION_EXPIRED,
                    "The session is unknown, ended or expired: log in again (POST /challenges, POST /sessions)."));
  }

  /** The caller, who must not be anonymous (401 otherwise). */
  public Caller authenticated(String authorization, io.vertx.core.http.HttpServerRequest request) {
    Caller caller = resolve(authorization, request);
    if (caller.isAnonymous()) {
      throw new ProblemException(
          SecurityProblem.UNAUTHENTICATED,
          "Log in first (POST /challenges, POST /sessions) and send 'Authorization: Bearer <session token>'.");
    }
    return caller;
  }
}
