package org.dataembassy.runtime.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.dataembassy.runtime.journal.JournalCodec;

/** Builds RFC 9457 {@code application/problem+json} responses. */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  public static Response response(ProblemException e, String instance) {
    return response(e.type(), e.detail(), e.errors(), e.retryAfterSeconds(), instance);
  }

  /** The problem's JSON body, for handlers that answer outside JAX-RS. */
  public static String body(ProblemType type, String detail, String instance) {
    return object(type, detail, null, instance).toString();
  }

  public static Response response(
      ProblemType type,
      String detail,
      List<Map<String, String>> errors,
      Integer retryAfterSeconds,
      String instance) {
    ObjectNode body = object(type, detail, errors, instance);
    Response.ResponseBuilder builder =
        Response.status(type.status()).type(MEDIA_TYPE).entity(body.toString());
    if (retryAfterSeconds != null) {
      builder.header("Retry-After", retryAfterSeconds);
    }
    return builder.build();
  }

  private static ObjectNode object(ProblemType type, String detail, List<Map<String, String>> errors, String instance) {
    ObjectNode body = JournalCodec.json().createObjectNode();
    body.put("type", type.typeUri());
    body.put("title", type.title());
    body.put("status", type.status());
    body.put("detail", detail);
    body.put("code", type.code());
    if (instance != null) {
      body.put("instance", instance);
    }
    if (errors != null && !errors.isEmpty()) {
      body.set("errors", JournalCodec.json().valueToTree(errors));
    }
    return body;
  }
}
