package org.dataembassy.runtime.rest;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every error a site's REST APIs raise to an RFC 9457 problem. */
public class ProblemExceptionMappers {

  private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return Problems.response(e, uri.getPath());
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e, UriInfo uri) {
    return Problems.response(
        CommonProblem.NOT_FOUND, "Nothing is served at this path.", List.of(), null, uri.getPath());
  }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e, UriInfo uri) {
    return Problems.response(
        CommonProblem.METHOD_NOT_ALLOWED,
        "This method is not allowed at this path.",
        List.of(),
        null,
        uri.getPath());
  }

  @ServerExceptionMapper
  public Response notSupported(NotSupportedException e, UriInfo uri) {
    return Problems.response(
        CommonProblem.UNSUPPORTED_MEDIA_TYPE,
        "Send the request body as application/json.",
        List.of(),
        null,
        uri.getPath());
  }

  @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
  public Response unexpected(RuntimeException e, UriInfo uri) {
    if (e instanceof WebApplicationException wae && wae.getResponse().getStatus() < 500) {
      return Problems.response(
          CommonProblem.VALIDATION_FAILED, "The request is not valid.", List.of(), null, uri.getPath());
    }
    LOG.errorf(e, "EMB-RT-500 unexpected error serving %s", uri.getPath());
    return Problems.response(
        CommonProblem.INTERNAL_ERROR,
        "The site could not complete the request.",
        List.of(),
        null,
        uri.getPath());
  }
}
