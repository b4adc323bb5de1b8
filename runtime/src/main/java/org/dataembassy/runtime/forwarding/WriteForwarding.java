package org.dataembassy.runtime.forwarding;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.core.net.PemTrustOptions;
import org.dataembassy.runtime.security.OperatorIdentity;
import org.dataembassy.runtime.security.Operators;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import io.quarkus.tls.CertificateUpdatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.dataembassy.runtime.LocalSite;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.crypto.HttpsIdentity;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemType;
import org.dataembassy.runtime.rest.Problems;
import org.jboss.logging.Logger;

/**
 * Forwards writes that reach a site which is not active to the active site (a reverse proxy, so a
 * client with a stale DNS answer is answered as if it had asked the active site). Reads are served
 * locally. Every response says which site served it ({@code Embassy-Site}) and, when forwarded,
 * which site forwarded it ({@code Embassy-Forwarded-By}).
 */
@ApplicationScoped
public class WriteForwarding {

  private static final Logger LOG = Logger.getLogger(WriteForwarding.class);
  public static final String SITE_HEADER = "Embassy-Site";
  public static final String FORWARDED_BY_HEADER = "Embassy-Forwarded-By";
  private static final Set<HttpMethod> WRITES =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
  private static final List<String> LOCAL_PATHS = List.of("/q/", "/sites", "/operator/");
  /** LOCAL_PATHS and what the modules serve locally ({@link ServedLocally}). */
  private LocalPathPrefixes localPaths = new LocalPathPrefixes(LOCAL_PATHS);
  /** The forwarding site's epoch, so a site with an older view waits instead of sending it back. */
  public static final String EPOCH_HEADER = "Embassy-Epoch";
  /** How many times a write has been forwarded (a loop guard). */
  public static final String HOPS_HEADER = "Embassy-Hops";
  private static final String TARGET = "embassy.forward.target";
  private static final String TARGET_SITE = "embassy.forward.site";
  private static final long FORWARD_TIMEOUT_MS = 10_000;
  private static final long LOST_CHECK_MS = 250;
  private static final String BODY = "embassy.forward.body";
  private static final String WAIT_DEADLINE = "embassy.forward.wait-deadline";
  private static final Duration MAX_WAIT = Duration.ofSeconds(3);
  private static final long WAIT_STEP_MS = 10;

  @Inject LocalSite site;
  @Inject ControlPlane controlPlane;
  @Inject FederationConfig federation;
  @Inject SiteConfig siteConfig;
  @Inject WriteGate gate;
  @Inject ForwardingBreakers breakers;
  @Inject Operators operators;

  @Inject HttpsIdentity https;

  private HttpProxy proxy;
  private volatile HttpClient client;
  private final InFlightForwards inFlight = new InFlightForwards();

  @Inject jakarta.enterprise.inject.Instance<ServedLocally> servedLocally;

  /** A renewed HTTPS certificate (Quarkus' periodic TLS reload) is presented on forwards too. */
  void renewed(@Observes CertificateUpdatedEvent event) {
    HttpClient current = client;
    if (current != null) {
      current.updateSSLOptions(new SSLOptions().setKeyCertOptions(https.keyCertOptions()).setTrustOptions(stateRoot()));
    }
  }

  private PemTrustOptions stateRoot() {
    return new PemTrustOptions()
        .addCertPath(StateCertificateAuthority.certificateFile(siteConfig.dataDir()).toAbsolutePath().toString());
  }

  void install(@Observes Router router, Vertx vertx) {
    List<String> paths = new java.util.ArrayList<>(LOCAL_PATHS);
    servedLocally.forEach(s -> paths.addAll(s.pathPrefixes()));
    localPaths = new LocalPathPrefixes(paths);
    client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setSsl(true)
                .setVerifyHost(true)
                .setConnectTimeout(1000)
                .setIdleTimeout(30)
                // the site's own HTTPS certificate: what makes the active site believe the
                // operator this site names for a forwarded write (Operators)
                .setKeyCertOptions(https.keyCertOptions())
                .setTrustOptions(stateRoot()),
            // forwarded writes are many and short: the default pool of 5 would queue them
            new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(1024));
    HttpProxy proxy = HttpProxy.reverseProxy(client);
    proxy.originRequestProvider(
        (request, httpClient) -> {
          String target = request.getHeader(TARGET);
          String targetSite = request.getHeader(TARGET_SITE);
          return httpClient
              .request(
                  new RequestOptions()
                      .setHost(target)
                      .setPort(federation.httpsPort())
                      .setSsl(true)
                      .setTimeout(FORWARD_TIMEOUT_MS))
              .onSuccess(sent -> inFlight.sent(sent, targetSite));
        });
    vertx.setPeriodic(
        LOST_CHECK_MS,
        id -> {
          if (inFlight.size() > 0) {
            List<String> lost = inFlight.abandonLost(controlPlane.activeSite(), controlPlane.connectedSites());
            if (!lost.isEmpty()) {
              LOG.warnf(
                  "EMB-RT-022 abandoned %d forwarded write(s) to %s: no longer active nor connected; clients told to retry",
                  lost.size(), Set.copyOf(lost));
            }
          }
        });
    proxy.addInterceptor(new UnreachableActiveSite());
    this.proxy = proxy;
    router.route().order(-100).handler(this::route);
  }

  private void route(RoutingContext ctx) {
    var request = ctx.request();
    if (ctx.get(BODY) == null) { // first time through (a write that waited comes back here)
      if (!CanonicalPaths.isCanonical(request.path())) {
        refuse(ctx, CommonProblem.PATH_NOT_NORMALISED, "Give the path without '.', '..' or empty segments.");
        return;
      }
      // only another site's forwarding, on its own HTTPS certificate, speaks of epochs and hops
      // (the certificate is looked at only when such a header is there: not on every TSA request)
      if (carriesSiteHeaders(request) && !operators.fromSite(request)) {
        request.headers().remove(EPOCH_HEADER).remove(HOPS_HEADER).remove(FORWARDED_BY_HEADER);
      }
    }
    if (!WRITES.contains(request.method())
        || localPaths.matches(request.path())) {
      ctx.response().putHeader(SITE_HEADER, site.id());
      ctx.next();
      return;
    }
    WriteRoute.Decision decision =
        WriteRoute.decide(
            site.id(), site.role(), controlPlane.activeSite(), controlPlane.epoch(), forwardedEpoch(request), hops(request));
    if (decision instanceof WriteRoute.Serve) {
      if (ctx.get(BODY) != null) {
        // its body was read while it waited: hand it to this site's own endpoint as a new request
        forward(ctx, site.id(), controlPlane.epoch());
        return;
      }
      // during a planned switchover the write waits at the gate, then is routed anew
      if (gate.admit(() -> ctx.vertx().runOnContext(v -> withBody(ctx, () -> route(ctx))))) {
        ctx.addEndHandler(done -> gate.finished());
        ctx.response().putHeader(SITE_HEADER, site.id());
        ctx.next();
      } else {
        withBody(ctx, () -> {}); // read its body while it waits
      }
      return;
    }
    if (decision instanceof WriteRoute.Wait wait) {
      waitAndRoute(ctx, wait.why());
    } else if (decision instanceof WriteRoute.Refuse refuse) {
      reject(ctx, CommonProblem.NO_ACTIVE_SITE, refuse.why());
    } else if (decision instanceof WriteRoute.Forward forward) {
      forward(ctx, forward.site(), forward.epoch());
    }
  }

  /**
   * Reads the request's body, once, then runs {@code next}. A write that has to wait is read
   * first: an HTTP/2 request's body cannot be held back (paused) once it has arrived, and the
   * write then goes on as a forwarded request with that body.
   */
  private void withBody(RoutingContext ctx, Runnable next) {
    Future<Buffer> body = ctx.get(BODY);
    if (body == null) {
      body = ctx.request().body();
      ctx.put(BODY, body);
      // Quarkus hands the request over paused; body() alone does not resume it
      ctx.request().resume();
    }
    body.onComplete(
        read -> {
          if (read.succeeded()) {
            next.run();
          } else if (!ctx.response().ended()) {
            reject(ctx, CommonProblem.NO_ACTIVE_SITE, "The write could not be read while it waited; retry.");
          }
        });
  }

  private void waitAndRoute(RoutingContext ctx, String why) {
    Long deadline = ctx.get(WAIT_DEADLINE);
    long now = System.nanoTime();
    if (deadline == null) {
      deadline = now + MAX_WAIT.toNanos();
      ctx.put(WAIT_DEADLINE, deadline);
    }
    if (now - deadline >= 0) {
      LOG.warnf("EMB-RT-021 a write waited %d ms for this site's view to settle (%s): refused", MAX_WAIT.toMillis(), why);
      reject(ctx, CommonProblem.NO_ACTIVE_SITE, "No site is active right now; retry shortly.");
      return;
    }
    withBody(ctx, () -> ctx.vertx().setTimer(WAIT_STEP_MS, id -> route(ctx)));
  }

  private void forward(RoutingContext ctx, String target, long epoch) {
    var request = ctx.request();
    String address = federation.site(target).map(FederationConfig.Site::address).orElse(null);
    if (address == null) {
      reject(ctx, CommonProblem.NO_ACTIVE_SITE, "The active site is not configured here.");
      return;
    }
    int hops = hops(request);
    // Headers set here travel with the forwarded copy of the request; the target is removed
    // before sending.
    request.headers().set(TARGET, address);
    request.headers().set(TARGET_SITE, target);
    request.headers().set(EPOCH_HEADER, Long.toString(epoch));
    request.headers().set(HOPS_HEADER, Integer.toString(hops + 1));
    request.headers().set(FORWARDED_BY_HEADER, site.id());
    // the operator this request comes from, if any, read before any such header it carries is
    // dropped (a citizen's is not believed; see Operators)
    java.util.Optional<OperatorIdentity> operator = operators.of(request);
    request.headers().remove(Operators.FORWARDED_HEADER);
    operator.ifPresent(who -> request.headers().set(Operators.FORWARDED_HEADER, who.header()));
    if (!target.equals(site.id())) {
      ctx.response().putHeader(FORWARDED_BY_HEADER, site.id());
    }
    ctx.response().headers().remove(SITE_HEADER);
    Future<Buffer> body = ctx.get(BODY);
    proxy.handle(body == null ? request : new ReadRequest(request, body.result()));
  }

  private static boolean carriesSiteHeaders(HttpServerRequest request) {
    var headers = request.headers();
    return headers.contains(EPOCH_HEADER) || headers.contains(HOPS_HEADER) || headers.contains(FORWARDED_BY_HEADER);
  }

  private static OptionalLong forwardedEpoch(HttpServerRequest request) {
    String value = request.getHeader(EPOCH_HEADER);
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static int hops(HttpServerRequest request) {
    String value = request.getHeader(HOPS_HEADER);
    if (value == null) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      return WriteRoute.MAX_HOPS;
    }
  }

  /** A write that cannot be placed now: 503 problem+json, retry in a second. */
  private static void reject(RoutingContext ctx, ProblemType type, String detail) {
    ctx.response().putHeader("Retry-After", "1");
    refuse(ctx, type, detail);
  }

  private static void refuse(RoutingContext ctx, ProblemType type, String detail) {
    var response = Problems.response(type, detail, List.of(), 1, ctx.request().path());
    ctx.response()
        .setStatusCode(response.getStatus())
        .putHeader("Content-Type", Problems.MEDIA_TYPE)
        .end(response.getEntity().toString());
  }

  /** Answers 503 problem+json, instead of a bare 502, when the active site cannot be reached. */
  private final class UnreachableActiveSite implements ProxyInterceptor {
    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
      context.request().headers().remove(TARGET).remove(TARGET_SITE);
      if (context.request().proxiedRequest() instanceof ReadRequest read) {
        context.request().setBody(Body.body(read.readBody())); // read earlier, while the write waited
      }
      String targetSite = context.request().proxiedRequest().getHeader(TARGET_SITE);
      var vertxContext = io.vertx.core.Vertx.currentContext();
      return Future.fromCompletionStage(
              breakers.call(targetSite, () -> context.sendRequest().toCompletionStage()), vertxContext)
          .recover(
              failure -> {
                LOG.warnf(
                    "EMB-RT-020 forwarding %s %s to the active site failed: %s",
                    context.request().getMethod(), context.request().getURI(), failure.getMessage());
                var problem =
                    Problems.response(
                        CommonProblem.ACTIVE_SITE_UNREACHABLE,
                        "The active site could not be reached from site "
                            + site.id()
                            + ", or was lost while the write was on its way; retry shortly (with the same"
                            + " Idempotency-Key, a write that was made is not made twice).",
                        List.of(),
                        1,
                        context.request().getURI());
                ProxyResponse response =
                    context.request().response().setStatusCode(503).setStatusMessage("Service Unavailable");
                response.headers().set("Content-Type", Problems.MEDIA_TYPE).set("Retry-After", "1");
                response.setBody(Body.body(Buffer.buffer(problem.getEntity().toString())));
                return Future.succeededFuture(response);
              });
    }
  }
}
