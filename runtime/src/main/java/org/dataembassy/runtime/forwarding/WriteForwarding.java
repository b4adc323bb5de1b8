package org.dataembassy.runtime.forwarding;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dataembassy.runtime.LocalSite;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.controlplane.ControlPlane;
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
  private static final String TARGET = "embassy.forward.target";

  @Inject LocalSite site;
  @Inject ControlPlane controlPlane;
  @Inject FederationConfig federation;
  @Inject SiteConfig siteConfig;
  @Inject WriteGate gate;

  private HttpProxy proxy;

  void install(@Observes Router router, Vertx vertx) {
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setSsl(true)
                .setVerifyHost(true)
                .setConnectTimeout(1000)
                .setIdleTimeout(30)
                .setTrustOptions(
                    new PemTrustOptions()
                        .addCertPath(
                            StateCertificateAuthority.certificateFile(siteConfig.dataDir())
                                .toAbsolutePath()
                                .toString())));
    HttpProxy proxy = HttpProxy.reverseProxy(client);
    proxy.originRequestProvider(
        (request, httpClient) -> {
          String target = request.getHeader(TARGET);
          return httpClient.request(
              new RequestOptions()
                  .setHost(target)
                  .setPort(federation.httpsPort())
                  .setSsl(true)
                  .setTimeout(10_000));
        });
    proxy.addInterceptor(new UnreachableActiveSite());
    this.proxy = proxy;
    router.route().order(-100).handler(this::route);
  }

  private void route(RoutingContext ctx) {
    var request = ctx.request();
    if (!WRITES.contains(request.method())
        || LOCAL_PATHS.stream().anyMatch(p -> request.path().startsWith(p))) {
      ctx.response().putHeader(SITE_HEADER, site.id());
      ctx.next();
      return;
    }
    if (site.isActive()) {
      // during a planned switchover the write waits at the gate, then is routed anew
      if (gate.admit(() -> ctx.vertx().runOnContext(v -> route(ctx)))) {
        ctx.addEndHandler(done -> gate.finished());
        ctx.response().putHeader(SITE_HEADER, site.id());
        ctx.next();
      } else {
        request.pause(); // its body waits with it
      }
      return;
    }
    Optional<String> active = controlPlane.activeSite();
    if (active.isEmpty() || active.get().equals(site.id())) {
      reject(ctx, CommonProblem.NO_ACTIVE_SITE, "No site is active right now; retry shortly.");
      return;
    }
    String address = federation.site(active.get()).map(FederationConfig.Site::address).orElse(null);
    if (address == null) {
      reject(ctx, CommonProblem.NO_ACTIVE_SITE, "The active site is not configured here.");
      return;
    }
    // The header carries the target to the origin provider; it is removed before sending.
    request.headers().set(TARGET, address);
    ctx.response().putHeader(FORWARDED_BY_HEADER, site.id());
    ctx.response().headers().remove(SITE_HEADER);
    proxy.handle(request);
  }

  private static void reject(RoutingContext ctx, ProblemType type, String detail) {
    var response = Problems.response(type, detail, List.of(), 1, ctx.request().path());
    ctx.response()
        .setStatusCode(response.getStatus())
        .putHeader("Content-Type", Problems.MEDIA_TYPE)
        .putHeader("Retry-After", "1")
        .end(response.getEntity().toString());
  }

  /** Answers 503 problem+json, instead of a bare 502, when the active site cannot be reached. */
  private final class UnreachableActiveSite implements ProxyInterceptor {
    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
      context.request().headers().remove(TARGET);
      return context
          .sendRequest()
          .recover(
              failure -> {
                LOG.warnf(
                    "EMB-RT-020 forwarding %s %s to the active site failed: %s",
                    context.request().getMethod(), context.request().getURI(), failure.getMessage());
                var problem =
                    Problems.response(
                        CommonProblem.ACTIVE_SITE_UNREACHABLE,
                        "The active site could not be reached from site " + site.id() + "; retry shortly.",
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
