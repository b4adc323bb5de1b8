package org.dataembassy.site.input;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dataembassy.site.TestCitizens.asOperator;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.dataembassy.runtime.forwarding.WriteForwarding;
import org.dataembassy.site.SiteCertificates;
import org.junit.jupiter.api.Test;

/**
 * What a site takes from a client before any endpoint sees the request: a path in its normal form
 * only (forwarding and the REST layer must judge the same path), the sites' own headers (epoch,
 * hops, who forwarded) only from a site, and no body larger than its endpoint takes — refused
 * before it is read.
 */
@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class RequestInputTest {

  /** One request exactly as written — {@code curl --path-as-is} — and the whole answer. */
  private static String raw(String method, String path) throws IOException {
    return raw(method, path, "application/json", 2, "{}");
  }

  /** A request declaring {@code declaredLength} bytes of body, of which only {@code sent} are sent. */
  private static String raw(String method, String path, String contentType, long declaredLength, String sent) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
      socket.setSoTimeout(10_000); // an answer that never comes fails the test
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType + "\r\n"
          + "Content-Length: " + declaredLength + "\r\nConnection: close\r\n\r\n" + sent).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return answer(socket.getInputStream());
    }
  }

  /** The status line, headers and body (by its Content-Length) of one HTTP/1.1 answer. */
  private static String answer(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    java.util.regex.Matcher length =
        java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
    byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
    return head + new String(body, StandardCharsets.UTF_8);
  }

  @Test
  void shouldRefuseABodyLargerThanItsEndpointTakesBeforeReadingIt() throws Exception {
    // 20 MB declared, a few bytes sent: the answer comes without the body ever arriving
    String signature = raw("POST", "/signatures?digest=" + "ab".repeat(32), "application/cms", 20_000_000, "0");
    assertThat(signature).startsWith("HTTP/1.1 413").contains("application/problem+json").contains("request_too_large");
    String parcel = raw("POST", "/parcels", "application/json", 100_000, "{");
    assertThat(parcel).startsWith("HTTP/1.1 413").contains("request_too_large").contains("65536");
    String tsa = raw("POST", "/tsa", "application/timestamp-query", 5_000_000, "0");
    assertThat(tsa).startsWith("HTTP/1.1 413");
    // within the limit: the endpoint judges it
    given().contentType(ContentType.JSON).body("{\"x\":\"" + "a".repeat(60_000) + "\"}").post("/parcels")
        .then().statusCode(org.hamcrest.Matchers.not(413));
  }

  @Test
  void shouldRefuseAPathWithDotSegmentsInsteadOfJudgingOnePathAndServingAnother() throws Exception {
    for (String path : List.of("/q/../parcels", "/q/%2e%2e/parcels", "/sites/./../parcels", "//parcels")) {
      String answer = raw("POST", path);
      assertThat(answer).as(path).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("path_not_normalised");
    }
    assertThat(raw("GET", "/parcels/../q/health/ready")).startsWith("HTTP/1.1 400");
    assertThat(raw("POST", "/parcels")).as("the normal path is served").doesNotContain("path_not_normalised");
  }

  @Test
  void shouldIgnoreTheSitesForwardingHeadersFromAClient() {
    String id = String.format("%05d:%03d:%04d", ThreadLocalRandom.current().nextInt(100000), 9, 9);
    Map<String, Object> parcel = Map.of(
        "cadastralId", id, "address", "Kuuse 5, Tartu", "areaM2", 600, "purpose", "residential",
        "owners", List.of(Map.of("personalCode", "38001010009", "name", "Owner", "share", "1/1")));
    // a forged epoch far ahead would make the site hold the write, its body buffered, and refuse
    // it with 503 after 3 s; from a client it is dropped and the write is served at once
    asOperator()
        .header(WriteForwarding.EPOCH_HEADER, "999999999")
        .header(WriteForwarding.HOPS_HEADER, "99")
        .header(WriteForwarding.FORWARDED_BY_HEADER, "lux")
        .contentType(ContentType.JSON).body(parcel).post("/parcels")
        .then().statusCode(201).body("cadastralId", equalTo(id));
    given().header(WriteForwarding.EPOCH_HEADER, "999999999").contentType(ContentType.JSON).body("{}").post("/parcels")
        .then().statusCode(401);
  }
}
