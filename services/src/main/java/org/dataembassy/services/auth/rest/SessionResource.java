package org.dataembassy.services.auth.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.dataembassy.runtime.rest.RequestBodies;
import org.dataembassy.runtime.rest.ProblemException;
import org.dataembassy.runtime.security.BearerToken;
import org.dataembassy.runtime.security.Role;
import org.dataembassy.runtime.security.SecurityProblem;
import org.dataembassy.runtime.security.Session;
import org.dataembassy.runtime.security.Sessions;
import org.dataembassy.services.auth.SessionView;
import org.dataembassy.services.auth.rest.AuthRequests.Login;
import org.dataembassy.services.auth.service.LoginService;

/**
 * Citizen sessions ({@code https://auth.<zone>:8443/sessions}): log in with a signed challenge,
 * see and end the current session. A session opened at one site is valid at every site.
 */
@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

  @Inject LoginService logins;
  @Inject Sessions sessions;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response login(Login body, @Context HttpServerRequest request) {
    Sessions.Opened opened =
        logins.login(RequestBodies.required(body), request.remoteAddress().hostAddress());
    return Response.status(201)
        .header("Location", "/sessions/current")
        .entity(view(opened.token(), opened.session()))
        .build();
  }

  @GET
  @Path("/current")
  public SessionView current(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return view(null, live(authorization));
  }

  @DELETE
  @Path("/current")
  public Response logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    live(authorization);
    sessions.close(BearerToken.of(authorization));
    return Response.noContent().build();
  }

  private Session live(String authorization) {
    String token = BearerToken.of(authorization);
    if (token == null) {
      throw new ProblemException(
          SecurityProblem.UNAUTHENTICATED, "Send 'Authorization: Bearer <session token>'.");
    }
    return sessions
        .find(token)
        .orElseThrow(
            () -> new ProblemException(SecurityProblem.SESSION_EXPIRED, "The session is unknown, ended or expired: log in again."));
  }

  private SessionView view(String token, Session s) {
    return new SessionView(
        token,
        s.personalCode(),
        s.name(),
        s.certificateSerial(),
        s.roles().stream().map(Role::apiName).sorted().toList(),
        s.createdAt(),
        s.expiresAt(),
        sessions.idleExpiresAt(s));
  }

}
