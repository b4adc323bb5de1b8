package org.dataembassy.runtime.crypto;

import io.netty.handler.ssl.OpenSsl;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.dataembassy.runtime.config.CryptoConfig;
import org.jboss.logging.Logger;

/**
 * Chooses the TLS engine of the site's HTTPS server ({@code embassy.crypto.https-tls-engine}):
 * BoringSSL through netty-tcnative by default — the JDK's engine cost a quarter of the CPU of a
 * time-stamp or OCSP request (docs/benchmarks.md, issue 5) — or the JDK's. The certificates, the
 * protocols and the trust stay those Quarkus configures; only the engine changes.
 */
@ApplicationScoped
public class HttpsTlsEngine implements HttpServerOptionsCustomizer {

  private static final Logger LOG = Logger.getLogger(HttpsTlsEngine.class);

  @Inject CryptoConfig config;

  @Override
  public void customizeHttpsServer(HttpServerOptions options) {
    String choice = config.httpsTlsEngine().toLowerCase(Locale.ROOT);
    switch (choice) {
      case "jdk" -> options.setSslEngineOptions(new JdkSSLEngineOptions());
      case "openssl" -> {
        if (OpenSSLEngineOptions.isAvailable()) {
          options.setSslEngineOptions(new OpenSSLEngineOptions());
          LOG.infof("EMB-CR-005 HTTPS served with %s", OpenSsl.versionString());
        } else {
          LOG.warnf(
              "EMB-CR-006 BoringSSL could not be loaded (%s): HTTPS served with the JDK's TLS",
              OpenSsl.unavailabilityCause());
          options.setSslEngineOptions(new JdkSSLEngineOptions());
        }
      }
      default ->
          throw new IllegalArgumentException(
              "embassy.crypto.https-tls-engine must be openssl or jdk, not '" + choice + "'");
    }
  }
}
