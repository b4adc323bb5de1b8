package org.dataembassy.services.signatures.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Consumer;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemType;
import org.dataembassy.runtime.rest.Problems;
import org.dataembassy.services.signatures.SignatureProblem;

/**
 * Reads the DER body of a protocol request (RFC 3161, RFC 6960) on the event loop, no larger than
 * {@code maxBytes} (413 problem+json as soon as it is exceeded, before any parsing), of the one
 * media type the protocol names (415 otherwise). These endpoints are plain Vert.x routes, not
 * REST resources: they answer tens of thousands of requests a second, and the REST layer and its
 * per-request metrics cost more than the signature (docs/benchmarks.md, issue 5).
 */
final class BinaryEndpoint {

  private BinaryEndpoint() {}

  static void readBody(RoutingContext ctx, String mediaType, int maxBytes, Consumer<byte[]> then) {
    HttpServerRequest request = ctx.request();
    String contentType = request.getHeader("Content-Type");
    if (contentType == null || !mediaType.equalsIgnoreCase(contentType.split(";", 2)[0].strip())) {
      problem(ctx, CommonProblem.UNSUPPORTED_MEDIA_TYPE, "This endpoint takes " + mediaType + ".");
      return;
    }
    String length = request.getHeader("Content-Length");
    if (length != null && tooLong(length, maxBytes)) {
      tooLarge(ctx, maxBytes);
      return;
    }
    Buffer body = Buffer.buffer(length == null ? 256 : Math.max(0, Integer.parseInt(length.strip())));
    request.handler(
        chunk -> {
          if (ctx.response().ended()) {
            return;
          }
          if (body.length() + chunk.length() > maxBytes) {
            tooLarge(ctx, maxBytes);
            return;
          }
          body.appendBuffer(chunk);
        });
    request.endHandler(
        done -> {
          if (!ctx.response().ended()) {
            then.accept(body.getBytes());
          }
        });
    request.resume(); // Quarkus hands the request over paused
  }

  private static boolean tooLong(String length, int maxBytes) {
    try {
      return Long.parseLong(length.strip()) > maxBytes;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  static void answer(RoutingContext ctx, String mediaType, byte[] der) {
    ctx.response().putHeader("Content-Type", mediaType).end(Buffer.buffer(der));
  }

  /** 413 problem+json: the request is larger than {@code maxBytes}. */
  static void tooLarge(RoutingContext ctx, int maxBytes) {
    problem(ctx, CommonProblem.REQUEST_TOO_LARGE, "This endpoint takes at most " + maxBytes + " bytes.");
  }

  static void problem(RoutingContext ctx, ProblemType type, String detail) {
    var response = Problems.response(type, detail, List.of(), null, ctx.request().path());
    ctx.response()
        .setStatusCode(response.getStatus())
        .putHeader("Content-Type", Problems.MEDIA_TYPE)
        .end(response.getEntity().toString());
  }
}
