package org.dataembassy.runtime.management;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.Router;
import jakarta.annotation.Priority;
import io.quarkus.tls.CertificateUpdatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.ManagementConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.crypto.HttpsIdentity;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.jboss.logging.Logger;

/**
 * The management port ({@code embassy.management.port}, 9443): a second HTTPS server on the
 * site's address, with the site's certificate, that <em>requires</em> a client certificate from
 * the state root (TLS 1.3). It serves the site's own router — the same endpoints as the service
 * port — and {@link ManagementAccess} lets through only the management endpoints, to operators'
 * and auditors' certificates. (Quarkus' management interface serves only its own {@code /q}
 * routes, not the operator API's resources.)
 */
@ApplicationScoped
public class ManagementServer {

  private static final Logger LOG = Logger.getLogger(ManagementServer.class);

  @Inject ManagementConfig config;
  @Inject SiteConfig site;
  @Inject FederationConfig federation;
  @Inject Vertx vertx;
  @Inject Router router;
  @Inject HttpsIdentity https;

  private static final Set<String> PROTOCOLS = Set.of("TLSv1.3");

  private volatile HttpServer server;

  void start(@Observes @Priority(50) StartupEvent event) throws Exception {
    if (!config.enabled()) {
      return;
    }
    String address = federation.site(site.id()).orElseThrow().address();
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(address)
            .setPort(config.port())
            .setSsl(true)
            .setEnabledSecureTransportProtocols(PROTOCOLS)
            .setKeyCertOptions(https.keyCertOptions())
            .setTrustOptions(operatorsRoot())
            .setClientAuth(ClientAuth.REQUIRED);
    server =
        vertx.createHttpServer(options)
            .requestHandler(router)
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    LOG.infof(
        "EMB-RT-040 management endpoints on https://%s:%d (operators' and auditors' certificates from the state root)",
        address, server.actualPort());
  }

  /** A renewed HTTPS certificate (Quarkus' periodic TLS reload) is served here too. */
  void renewed(@Observes CertificateUpdatedEvent event) {
    HttpServer running = server;
    if (running != null) {
      running.updateSSLOptions(
          new SSLOptions()
              .setEnabledSecureTransportProtocols(PROTOCOLS)
              .setKeyCertOptions(https.keyCertOptions())
              .setTrustOptions(operatorsRoot()));
    }
  }

  private PemTrustOptions operatorsRoot() {
    return new PemTrustOptions().addCertPath(StateCertificateAuthority.certificateFile(site.dataDir()).toString());
  }

  void stop(@Observes ShutdownEvent event) {
    HttpServer running = server;
    if (running != null) {
      running.close();
    }
  }
}
