package org.dataembassy.site.forwarding;

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
 * What write forwarding takes from a client: a path in its normal form only (forwarding and the
 * REST layer must judge the same path), and the sites' own headers (epoch, hops, who forwarded)
 * only from a site.
 */
@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class ForwardingInputTest {

  /** One request exactly as written — {@code curl --path-as-is} — and the status line's code. */
  private static String raw(String method, String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
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
