package org.dataembassy.runtime.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every error a site's REST APIs raise to an RFC 9457 problem. */
public class ProblemExceptionMappers {

  private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return Problems.response(e, uri.getPath());
  }

  // Quarkus REST has built-in mappers for Jackson's MismatchedInputException (and so for
  // UnrecognizedPropertyException); a mapper for the same type overrides it, a mapper for a
  // supertype does not. Malformed JSON arrives as a WebApplicationException caused by a
  // JsonParseException.
  @ServerExceptionMapper
  public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return json(json, uri);
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return unexpected(e, uri);
    }
    return Problems.response(
        CommonProblem.BAD_REQUEST, "The request is not valid.", List.of(), null, uri.getPath());
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e, UriInfo uri) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return Problems.response(
          CommonProblem.UNKNOWN_FIELD,
          "Unknown field '" + unknown.getPropertyName() + "'.",
          List.of(Map.of("field", path(unknown), "message", "is not a known field")),
          null,
          uri.getPath());
    }
    if (e instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
      return Problems.response(
          CommonProblem.VALIDATION_FAILED,
          "Field " + path(mismatched) + " has the wrong type.",
          List.of(Map.of("field", path(mismatched), "message", "has the wrong type")),
          null,
          uri.getPath());
    }
    return Problems.response(
        CommonProblem.MALFORMED_JSON,
        "The request body is not valid JSON.",
        List.of(),
        null,
        uri.getPath());
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
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
    LOG.errorf(e, "EMB-RT-500 unexpected error serving %s", uri.getPath());
    return Problems.response(
        CommonProblem.INTERNAL_ERROR,
        "The site could not complete the request.",
        List.of(),
        null,
        uri.getPath());
  }
}
