package org.dataembassy.site.input;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dataembassy.site.TestCitizens.asOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.dataembassy.site.SiteCertificates;
import org.junit.jupiter.api.Test;

/**
 * 10,000 mutated bodies against the JSON endpoints that change something — wrong types, huge
 * numbers, deep nesting, unknown fields, long strings, nulls, broken syntax — each mutation one
 * the API must refuse: every answer is a 4xx problem+json, none a 5xx, and the register is as it
 * was (the parcel the transfers and mortgages aimed at unchanged, the one registrations aimed at
 * absent). (The journal's sequence is no measure: the active site appends idle checkpoints.) The operator's certificate is used where a body needs one, so the
 * mutations reach the validation behind authentication.
 */
@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class JsonFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BODIES = 10_000;

  /** An endpoint, whether the operator's certificate goes with it, its valid body and its fields' kinds. */
  private record Target(String path, boolean asOperator, ObjectNode base, Map<String, String> kinds) {}

  /** One client for all 10,000 requests (keep-alive): the operator's certificate over HTTPS. */
  private static java.net.http.HttpClient operatorClient() throws Exception {
    java.nio.file.Path ca = SiteCertificates.OPERATOR_DIR.getParent().resolve("ca.pem");
    java.security.KeyStore identity = java.security.KeyStore.getInstance("PKCS12");
    try (var in = java.nio.file.Files.newInputStream(org.dataembassy.site.OperatorCredentials.pkcs12(SiteCertificates.OPERATOR_DIR, ca))) {
      identity.load(in, org.dataembassy.site.OperatorCredentials.PASSWORD.toCharArray());
    }
    javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    keys.init(identity, org.dataembassy.site.OperatorCredentials.PASSWORD.toCharArray());
    javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    trust.init(org.dataembassy.site.OperatorCredentials.trusting(ca));
    javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return java.net.http.HttpClient.newBuilder().sslContext(context).version(java.net.http.HttpClient.Version.HTTP_1_1).build();
  }

  private record Answer(int status, String contentType) {}

  private static Answer post(java.net.http.HttpClient client, Target target, String body) throws Exception {
    String base = target.asOperator()
        ? "https://127.0.0.1:" + org.dataembassy.site.TestCitizens.HTTPS_TEST_PORT
        : "http://127.0.0.1:" + io.restassured.RestAssured.port;
    var response = client.send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + target.path()))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
            .build(),
        java.net.http.HttpResponse.BodyHandlers.discarding());
    return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""));
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String register(String parcel) {
    return asOperator().get("/parcels/" + parcel).then().statusCode(200).extract().asString();
  }

  @Test
  void shouldAnswerEveryMutatedBodyWithAProblemAndWriteNothing() throws Exception {
    String parcel = "47001:001:0001";
    asOperator().contentType(ContentType.JSON)
        .body("{\"cadastralId\":\"" + parcel + "\",\"address\":\"Fuzz 1\",\"areaM2\":10,\"purpose\":\"residential\","
            + "\"owners\":[{\"personalCode\":\"38001010009\",\"name\":\"F\",\"share\":\"1/1\"}]}")
        .post("/parcels").then().statusCode(org.hamcrest.Matchers.isOneOf(201, 409));
    String owners = "[{\"personalCode\":\"38001010009\",\"name\":\"F\",\"share\":\"1/2\"},"
        + "{\"personalCode\":\"49403136526\",\"name\":\"G\",\"share\":\"1/2\"}]";
    List<Target> targets = List.of(
        new Target("/parcels", true,
            parse("{\"cadastralId\":\"47001:001:0002\",\"address\":\"Fuzz 2\",\"areaM2\":10,\"purpose\":\"residential\",\"owners\":" + owners + "}"),
            Map.of("cadastralId", "string", "address", "string", "areaM2", "integer", "purpose", "string", "owners", "owners")),
        new Target("/parcels/" + parcel + "/transfers", true,
            parse("{\"expectedVersion\":999999,\"owners\":" + owners + "}"),
            Map.of("expectedVersion", "version", "owners", "owners")),
        new Target("/parcels/" + parcel + "/mortgages", true,
            parse("{\"creditor\":\"Bank\",\"amount\":\"1000.00\",\"currency\":\"EUR\"}"),
            Map.of("creditor", "string", "amount", "amount", "currency", "string")),
        new Target("/sessions", false,
            parse("{\"certificate\":\"MIIB\",\"nonce\":\"AAAA\",\"signature\":\"AAAA\"}"),
            Map.of("certificate", "string", "nonce", "string", "signature", "string")));

    java.net.http.HttpClient client = operatorClient();
    String before = register(parcel);
    Random random = new Random(20261208L);
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> serverErrors = new ArrayList<>();
    for (int i = 0; i < BODIES; i++) {
      Target target = targets.get(i % targets.size());
      String body = mutate(target, random);
      Answer answer = post(client, target, body);
      statuses.merge(answer.status(), 1, Integer::sum);
      if (answer.status() >= 500 || answer.status() < 400 || !answer.contentType().startsWith("application/problem+json")) {
        if (serverErrors.size() < 10) {
          serverErrors.add(answer.status() + " " + target.path() + " " + body.substring(0, Math.min(300, body.length())));
        }
      }
    }
    System.out.println("JSON fuzz: " + BODIES + " bodies, statuses " + statuses);
    assertThat(serverErrors).as("answers that are not a 4xx problem (of %s)", statuses).isEmpty();
    assertThat(register(parcel)).as("the parcel is as it was").isEqualTo(before);
    asOperator().get("/parcels/47001:001:0002").then().statusCode(404);
  }

  /** The base body with one mutation the API must refuse. */
  private static String mutate(Target target, Random random) throws Exception {
    ObjectNode body = target.base().deepCopy();
    List<String> fields = new ArrayList<>(target.kinds().keySet());
    String field = fields.get(random.nextInt(fields.size()));
    String kind = target.kinds().get(field);
    switch (random.nextInt(9)) {
      case 0 -> body.set(field, wrongType(kind, random));
      case 1 -> body.putRawValue(field, new com.fasterxml.jackson.databind.util.RawValue(hugeNumber(random)));
      case 2 -> body.putRawValue(field, new com.fasterxml.jackson.databind.util.RawValue(deep(random.nextBoolean() ? 1_500 : 5_000)));
      case 3 -> body.put("x" + random.nextInt(1000), random.nextInt());
      case 4 -> body.put(field, "Ω".repeat(2_000 + random.nextInt(20_000)));
      case 5 -> body.putNull(field);
      case 6 -> body.remove(field);
      case 7 -> {
        String text = JSON.writeValueAsString(body);
        return text.substring(0, random.nextInt(text.length())); // cut short: not JSON
      }
      default -> {
        // an invalid value of the right type: a personal code, share or number the rules refuse
        if (kind.equals("owners")) {
          ArrayNode list = (ArrayNode) body.get(field);
          ((ObjectNode) list.get(random.nextInt(list.size())))
              .put(random.nextBoolean() ? "share" : "personalCode", random.nextBoolean() ? "2/1" : "12345678901");
        } else if (kind.equals("integer") || kind.equals("version")) {
          body.put(field, -random.nextInt(1_000_000) - (kind.equals("version") ? 1 : 0));
        } else if (kind.equals("amount")) {
          body.put(field, random.nextBoolean() ? "-1" : "1.001");
        } else {
          body.put(field, "");
        }
      }
    }
    return JSON.writeValueAsString(body);
  }

  private static JsonNode wrongType(String kind, Random random) {
    ObjectNode object = JSON.createObjectNode().put("a", 1);
    ArrayNode array = JSON.createArrayNode().add(1).add("b");
    return switch (kind) {
      case "string" -> random.nextBoolean() ? object : array;
      case "owners" -> random.nextBoolean() ? object : JSON.getNodeFactory().textNode("owners");
      default -> switch (random.nextInt(3)) {
        case 0 -> object;
        case 1 -> array;
        default -> JSON.getNodeFactory().textNode("many");
      };
    };
  }

  private static String hugeNumber(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> "1e400";
      case 1 -> "9".repeat(30 + random.nextInt(5000));
      default -> "-" + "9".repeat(25) + ".5";
    };
  }

  /** Arrays nested {@code depth} deep, as text (a JSON writer refuses to write them). */
  private static String deep(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

}
