package org.dataembassy.runtime.rest;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import org.dataembassy.runtime.crypto.SiteRevocations;

/**
 * Refuses a request whose declared body ({@code Content-Length}) is larger than its endpoint can
 * take, with 413 problem+json before a byte of it is read — not after Quarkus has buffered up to
 * its global limit ({@code quarkus.http.limits.max-body-size}, which still bounds a body sent
 * without a length). Every endpoint takes at most {@value #DEFAULT_MAX_BYTES} bytes (a CMS
 * signature, a parcel, an enrolment) except those listed in {@link #LARGER}.
 */
@ApplicationScoped
public class RequestSizeLimits {

  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  /** Endpoints that take more: the state root's revocation list, on the management port. */
  static final Map<String, Integer> LARGER = Map.of("/operator/site-revocations", SiteRevocations.MAX_BYTES);

  void install(@Observes Router router) {
    router.route().order(-200).handler(this::check);
  }

  /** The most the endpoint at {@code path} takes. */
  public static int limitFor(String path) {
    return path == null ? DEFAULT_MAX_BYTES : LARGER.getOrDefault(path, DEFAULT_MAX_BYTES);
  }

  private void check(RoutingContext ctx) {
    String length = ctx.request().getHeader("Content-Length");
    if (length == null) {
      ctx.next();
      return;
    }
    int limit = limitFor(ctx.request().path());
    long declared;
    try {
      declared = Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      declared = Long.MAX_VALUE;
    }
    if (declared <= limit) {
      ctx.next();
      return;
    }
    var response = Problems.response(
        CommonProblem.REQUEST_TOO_LARGE, "This endpoint takes at most " + limit + " bytes.", List.of(), null, ctx.request().path());
    ctx.response().setStatusCode(response.getStatus()).putHeader("Content-Type", Problems.MEDIA_TYPE);
    boolean http1 = ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2;
    if (http1) {
      ctx.response().putHeader("Connection", "close");
    }
    ctx.response()
        .end(response.getEntity().toString())
        .onComplete(sent -> {
          if (http1) {
            ctx.request().connection().close(); // the rest of the body is not read
          }
        });
  }
}
