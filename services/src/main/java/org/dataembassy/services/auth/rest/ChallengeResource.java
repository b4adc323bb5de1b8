package org.dataembassy.services.auth.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.dataembassy.services.auth.service.LoginService;

/** {@code POST https://auth.<zone>:8443/challenges}: a fresh nonce to sign for a login. */
@Path("/challenges")
public class ChallengeResource {

  @Inject LoginService logins;

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(@Context HttpServerRequest request) {
    return Response.status(201).entity(logins.challenge(request.remoteAddress().hostAddress())).build();
  }
}
