package org.dataembassy.runtime.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.dataembassy.runtime.rest.ProblemException;

/** Tells who a request comes from by its {@code Authorization} header. */
@ApplicationScoped
public class Callers {

  @Inject OperatorToken operator;
  @Inject Sessions sessions;

  /**
   * The caller: anonymous without the header, the operator with the operator token, the citizen
   * whose live session the token names; 401 for any other credential.
   */
  public Caller resolve(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Caller.anonymous();
    }
    String token = BearerToken.of(authorization);
    if (token == null) {
      throw new ProblemException(
          SecurityProblem.UNAUTHENTICATED, "Use 'Authorization: Bearer <session token>'.");
    }
    if (operator.matches(token)) {
      return Caller.operator();
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
  public Caller authenticated(String authorization) {
    Caller caller = resolve(authorization);
    if (caller.isAnonymous()) {
      throw new ProblemException(
          SecurityProblem.UNAUTHENTICATED,
          "Log in first (POST /challenges, POST /sessions) and send 'Authorization: Bearer <session token>'.");
    }
    return caller;
  }
}
