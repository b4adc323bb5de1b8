package org.dataembassy.cli.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Talks HTTPS to the sites of a federation, trusting only the state CA ({@code data/ca.pem}). */
public final class SiteClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;

  private SiteClient(HttpClient http) {
    this.http = http;
  }

  /** A client trusting the given CA certificate; empty if the CA does not exist yet. */
  public static Optional<SiteClient> trusting(Path caPem) {
    if (!Files.exists(caPem)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(caPem)) {
      Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("state-ca", ca);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, tmf.getTrustManagers(), null);
      return Optional.of(
          new SiteClient(
              HttpClient.newBuilder()
                  .sslContext(tls)
                  .connectTimeout(Duration.ofSeconds(2))
                  .version(HttpClient.Version.HTTP_1_1)
                  .build()));
    } catch (IOException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** The HTTP status of a GET, or -1 if the site did not answer. */
  public int status(String url) {
    try {
      return http.send(get(url), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The JSON body of a successful GET, if the site answered. */
  public Optional<JsonNode> json(String url) {
    try {
      HttpResponse<String> r = http.send(get(url), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** A POST's status and body (status -1 if the site did not answer). */
  public record Answer(int status, String body) {}

  public Answer postJson(String url, String json, String bearerToken) {
    return postJson(url, json, bearerToken, null);
  }

  /** A POST with an {@code Idempotency-Key} (when not null), so a retry cannot write twice. */
  public Answer postJson(String url, String json, String bearerToken, String idempotencyKey) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + bearerToken)
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (idempotencyKey != null) {
      builder.header("Idempotency-Key", idempotencyKey);
    }
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Answer(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, "interrupted");
    }
  }

  /** The JSON mapper, to build request bodies. */
  public static ObjectMapper json() {
    return JSON;
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  public boolean ready(String siteUrl) {
    return status(siteUrl + "/q/health/ready") == 200;
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
  }
}
