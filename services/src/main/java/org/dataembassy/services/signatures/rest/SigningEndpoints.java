package org.dataembassy.services.signatures.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.dataembassy.runtime.crypto.StatePki;
import org.dataembassy.runtime.crypto.ocsp.OcspResponder;
import org.dataembassy.services.eid.service.CertificateStatusIndex;
import org.dataembassy.services.signatures.SignatureMediaTypes;

/**
 * The state's protocol endpoints at {@code https://sign.<zone>:8443}, on the event loop:
 *
 * <ul>
 *   <li>{@code POST /tsa}: RFC 3161 over HTTP (§3.4). Every DER body gets a TimeStampResp: granted,
 *       or rejected with the failure info (bad algorithm, bad data format, unaccepted policy).
 *   <li>{@code POST /ocsp} with a DER OCSPRequest, or {@code GET /ocsp/<base64 of it>} (RFC 6960
 *       appendix A.1), answered from this site's certificate register, which every site holds
 *       alike. A response to a request without a nonce is pre-produced (RFC 5019) and carries
 *       {@code Cache-Control: max-age} up to its {@code nextUpdate}.
 * </ul>
 *
 * Counted in {@code embassy.signatures.requests{endpoint}} rather than the per-request HTTP timers
 * (application.properties leaves these paths out of them).
 */
@ApplicationScoped
public class SigningEndpoints {

  /** A TimeStampReq or an OCSPRequest for a few certificates is far below this. */
  static final int MAX_REQUEST_BYTES = 16 * 1024;

  /** Before the REST layer's routes (order 0), after write forwarding's (-100). */
  private static final int ORDER = -10;

  @Inject StatePki pki;
  @Inject CertificateStatusIndex statuses;
  @Inject MeterRegistry metrics;

  private Counter tsaRequests;
  private Counter ocspRequests;

  void install(@Observes Router router) {
    tsaRequests = metrics.counter("embassy.signatures.requests", "endpoint", "tsa");
    ocspRequests = metrics.counter("embassy.signatures.requests", "endpoint", "ocsp");
    router.post("/tsa").order(ORDER).handler(this::timeStamp);
    router.post("/ocsp").order(ORDER).handler(this::ocspPost);
    router.get("/ocsp/*").order(ORDER).handler(this::ocspGet);
  }

  private void timeStamp(RoutingContext ctx) {
    BinaryEndpoint.readBody(
        ctx,
        SignatureMediaTypes.TIMESTAMP_QUERY,
        MAX_REQUEST_BYTES,
        body -> {
          tsaRequests.increment();
          BinaryEndpoint.answer(ctx, SignatureMediaTypes.TIMESTAMP_REPLY, pki.timeStampAuthority().respond(body));
        });
  }

  private void ocspPost(RoutingContext ctx) {
    BinaryEndpoint.readBody(ctx, SignatureMediaTypes.OCSP_REQUEST, MAX_REQUEST_BYTES, body -> ocsp(ctx, body));
  }

  private void ocspGet(RoutingContext ctx) {
    String encoded = ctx.request().path().substring("/ocsp/".length());
    if (encoded.length() > MAX_REQUEST_BYTES * 2) {
      BinaryEndpoint.tooLarge(ctx, MAX_REQUEST_BYTES);
      return;
    }
    byte[] request;
    try {
      // clients send it URL-encoded (and some URL-safe) base64
      String base64 = URLDecoder.decode(encoded, StandardCharsets.US_ASCII);
      request = Base64.getDecoder().decode(base64.replace('-', '+').replace('_', '/').strip());
    } catch (IllegalArgumentException e) {
      request = new byte[0]; // answered as a malformed request, as RFC 6960 wants
    }
    ocsp(ctx, request);
  }

  private void ocsp(RoutingContext ctx, byte[] request) {
    ocspRequests.increment();
    OcspResponder.Answer answer = pki.ocspResponder().answer(request, statuses);
    answer
        .nextUpdate()
        .ifPresent(
            next -> {
              long maxAge = Math.max(0, Duration.between(Instant.now(), next).toSeconds());
              ctx.response().putHeader("Cache-Control", "max-age=" + maxAge + ", public, no-transform, must-revalidate");
            });
    BinaryEndpoint.answer(ctx, SignatureMediaTypes.OCSP_RESPONSE, answer.der());
  }
}
