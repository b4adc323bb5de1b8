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
import io.smallrye.faulttolerance.api.Guard;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls other sites of the federation over HTTPS (state CA trust). Status calls go through a
 * circuit breaker per peer: a dead site stops being asked for {@value #OPEN_SECONDS} s, and never
 * makes a live one look dead (one breaker for all peers did: a promotion then skipped a healthy
 * standby because calls to the killed site had opened it).
 */
@ApplicationScoped
public class PeerSiteClient {

  @Inject SiteConfig site;
  @Inject FederationConfig federation;

  static final int OPEN_SECONDS = 2;

  private volatile HttpClient http;
  private final Map<String, Guard> breakers = new ConcurrentHashMap<>();

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
  public JsonNode selfStatus(String peer) throws Exception {
    return breakers
        .computeIfAbsent(peer, PeerSiteClient::breaker)
        .call(() -> getJson(peer, "/sites/self", Duration.ofSeconds(2)), JsonNode.class);
  }

  private static Guard breaker(String peer) {
    return Guard.create()
        .withDescription("status of site " + peer)
        .withCircuitBreaker()
        .name("embassy-peer-status-" + peer)
        .requestVolumeThreshold(4)
        .failureRatio(0.75)
        .delay(OPEN_SECONDS, ChronoUnit.SECONDS)
        .successThreshold(1)
        .done()
        .build();
  }

  /** The peer's control-plane membership and history ({@code GET /sites/self/control-plane}). */
  public JsonNode controlPlane(String peer) throws IOException, InterruptedException {
    return getJson(peer, "/sites/self/control-plane", Duration.ofSeconds(1));
  }

  /**
   * POSTs {@code body} as JSON to the peer and gives its JSON answer; fails with the peer's problem
   * detail on any other status than 200.
   */
  public java.util.concurrent.CompletableFuture<JsonNode> postJson(String peer, String path, Object body, Duration timeout) {
    try {
      String address = federation.site(peer).orElseThrow(() -> new IllegalArgumentException(peer)).address();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("https://" + address + ":" + federation.httpsPort() + path))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JournalCodec.json().writeValueAsBytes(body)))
              .build();
      return http()
          .sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .thenApply(
              response -> {
                try {
                  JsonNode answer = JournalCodec.json().readTree(response.body());
                  if (response.statusCode() != 200) {
                    throw new IllegalStateException(
                        "site " + peer + " answered " + response.statusCode() + ": " + answer.path("detail").asText(""));
                  }
                  return answer;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
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
