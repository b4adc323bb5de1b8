package org.dataembassy.runtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateTrust;
import org.dataembassy.runtime.journal.JournalCodec;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Calls other sites of the federation over HTTPS (state CA trust). */
@ApplicationScoped
public class PeerSiteClient {

  @Inject SiteConfig site;
  @Inject FederationConfig federation;

  private volatile HttpClient http;

  private HttpClient http() {
    if (http == null) {
      synchronized (this) {
        if (http == null) {
          try {
            http =
                HttpClient.newBuilder()
                    .sslContext(
                        StateTrust.sslContext(
                            StateCertificateAuthority.certificateFile(site.dataDir())))
                    .connectTimeout(Duration.ofSeconds(1))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return http;
  }

  /** The peer's view of itself ({@code GET /sites/self}). */
  @Timeout(value = 2, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 2, delayUnit = ChronoUnit.SECONDS)
  public JsonNode selfStatus(String peer) throws IOException, InterruptedException {
    return getJson(peer, "/sites/self", Duration.ofSeconds(2));
  }

  /** The peer's control-plane membership and history ({@code GET /sites/self/control-plane}). */
  public JsonNode controlPlane(String peer) throws IOException, InterruptedException {
    return getJson(peer, "/sites/self/control-plane", Duration.ofSeconds(1));
  }

  private JsonNode getJson(String peer, String path, Duration timeout) throws IOException, InterruptedException {
    String address =
        federation.site(peer).orElseThrow(() -> new IllegalArgumentException(peer)).address();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("https://" + address + ":" + federation.httpsPort() + path))
            .timeout(timeout)
            .GET()
            .build();
    HttpResponse<String> response = http().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("site " + peer + " answered " + response.statusCode());
    }
    return JournalCodec.json().readTree(response.body());
  }
}
