package org.dataembassy.site.it;

import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * A citizen's login as a shell user would do it: ask a site for a challenge, sign the nonce's bytes
 * with {@code openssl dgst -sha256 -sign}, open a session. Returns the session token.
 */
public final class OpensslLogin {

  private OpensslLogin() {}

  /** @param citizen a directory with {@code cert.pem} and {@code key.pem} ({@code ./embassy citizen enrol}) */
  public static String login(FederationHarness sites, String site, Path citizen, Path work) throws Exception {
    return answer(sites, challenge(sites, site), site, citizen, work).then().statusCode(201).extract().path("token");
  }

  /** A challenge's nonce from {@code site}. */
  public static String challenge(FederationHarness sites, String site) {
    return sites.anonymousAt(site).post("/challenges").then().statusCode(201).extract().path("nonce");
  }

  /** The answer of {@code site} to a login signing {@code nonce} (given by any site) with openssl. */
  public static io.restassured.response.Response answer(FederationHarness sites, String nonce, String site, Path citizen, Path work)
      throws Exception {
    Files.write(work.resolve("nonce.bin"), Base64.getDecoder().decode(nonce));
    Tool.run(work, "openssl", "dgst", "-sha256", "-sign", citizen.resolve("key.pem").toString(), "-out", "nonce.sig", "nonce.bin")
        .assertSuccess();
    return sites.anonymousAt(site).contentType(ContentType.JSON)
        .body(Map.of(
            "certificate", Files.readString(citizen.resolve("cert.pem")),
            "nonce", nonce,
            "signature", Base64.getEncoder().encodeToString(Files.readAllBytes(work.resolve("nonce.sig")))))
        .post("/sessions");
  }
}
