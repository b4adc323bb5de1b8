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
    try {
      return Optional.of(new SiteClient(http(tls(caPem, null))));
    } catch (IOException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * A client that presents an operator's certificate ({@code cert.pem} and {@code key.pem} in
   * {@code operatorDir}, from the state root) and trusts the state CA.
   */
  public static SiteClient asOperator(Path caPem, Path operatorDir) throws IOException {
    try {
      return new SiteClient(http(tls(caPem, operatorDir)));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use the operator certificate in " + operatorDir + ": " + e.getMessage(), e);
    }
  }

  private static HttpClient http(SSLContext tls) {
    return HttpClient.newBuilder()
        .sslContext(tls)
        .connectTimeout(Duration.ofSeconds(2))
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  private static SSLContext tls(Path caPem, Path operatorDir) throws IOException, GeneralSecurityException {
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    Certificate ca;
    try (InputStream in = Files.newInputStream(caPem)) {
      ca = x509.generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("state-ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    javax.net.ssl.KeyManager[] keyManagers = null;
    if (operatorDir != null) {
      OperatorKey operator = OperatorKey.load(operatorDir);
      KeyStore identity = KeyStore.getInstance("PKCS12");
      identity.load(null, null);
      char[] none = new char[0];
      identity.setKeyEntry("operator", operator.key(), none, new Certificate[] {operator.certificate(), ca});
      javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(identity, none);
      keyManagers = kmf.getKeyManagers();
    }
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers, tmf.getTrustManagers(), null);
    return tls;
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

  /** A probe's answer: status (-1 if none came within the timeout) and the site that answered. */
  public record Probed(int status, String site) {}

  /**
   * One request as a drill's probe makes it: {@code json} POSTed with {@code idempotencyKey}, or a
   * GET when {@code json} is null; within {@code timeout}.
   */
  public Probed probe(String url, String json, String idempotencyKey, Duration timeout) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    if (json == null) {
      builder.GET();
    } else {
      builder.header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
          .POST(HttpRequest.BodyPublishers.ofString(json));
    }
    try {
      HttpResponse<Void> r = http.send(builder.build(), HttpResponse.BodyHandlers.discarding());
      return new Probed(r.statusCode(), r.headers().firstValue("Embassy-Site").orElse(null));
    } catch (IOException e) {
      return new Probed(-1, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Probed(-1, null);
    }
  }

  public Answer postJson(String url, String json) {
    return postJson(url, json, null);
  }

  /** A PUT of {@code body} as {@code contentType}. */
  public Answer put(String url, byte[] body, String contentType) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  /** A POST with an {@code Idempotency-Key} (when not null), so a retry cannot write twice. */
  public Answer postJson(String url, String json, String idempotencyKey) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (idempotencyKey != null) {
      builder.header("Idempotency-Key", idempotencyKey);
    }
    return send(builder.build());
  }

  private Answer send(HttpRequest request) {
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
