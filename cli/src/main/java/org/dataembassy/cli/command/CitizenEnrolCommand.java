package org.dataembassy.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.citizen.CitizenKeys;
import org.dataembassy.cli.federation.SiteClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./embassy citizen enrol --code C --name N --out DIR}: makes the citizen's key pair here
 * (as an ID card makes its own), has the state CA certify the public key, and writes {@code
 * DIR/cert.pem} and {@code DIR/key.pem}. The private key never leaves this machine.
 */
@Command(name = "enrol", description = "Enrol a citizen: writes DIR/cert.pem and DIR/key.pem.")
public final class CitizenEnrolCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--code", required = true, paramLabel = "CODE", description = "personal code (11 digits)")
  String code;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "name on the certificate")
  String name;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write cert.pem and key.pem")
  Path out;

  @Option(names = "--role", paramLabel = "ROLE", description = "a role to grant (notary); repeatable")
  List<String> roles = List.of();

  @Override
  public Integer call() throws Exception {
    Embassy embassy = (Embassy) spec.parent().parent().userObject();
    Path cert = out.resolve("cert.pem");
    Path key = out.resolve("key.pem");
    if (Files.exists(cert) || Files.exists(key)) {
      throw new IllegalArgumentException(out + " already holds cert.pem or key.pem; choose another --out");
    }
    var keys = CitizenKeys.generate();
    ObjectNode body =
        SiteClient.json()
            .createObjectNode()
            .put("personalCode", code)
            .put("name", name)
            .put("publicKey", CitizenKeys.publicKeyPem(keys.getPublic()));
    roles.forEach(body.putArray("roles")::add);
    SiteClient.Answer answer = embassy.federation().operatorWrite("/certificates", body.toString());
    JsonNode result = SiteClient.parse(answer.body());
    if (answer.status() != 201) {
      System.err.println("embassy: enrolment refused: " + result.path("detail").asText(answer.body()));
      return answer.status() >= 400 && answer.status() < 500 ? Embassy.USAGE_ERROR : 1;
    }
    CitizenKeys.writePrivateKey(key, keys.getPrivate());
    Files.writeString(cert, result.path("certificate").asText());
    // the site's issuing CA that certified it: what openssl ocsp -issuer names
    Path issuer = out.resolve("issuer.pem");
    if (result.hasNonNull("issuer")) {
      Files.writeString(issuer, result.path("issuer").asText());
    }
    System.out.printf(
        "Enrolled: certificate %s valid until %s%n  %s%n  %s (private key, owner-only)%n  %s (issuing CA)%n",
        result.path("serial").asText(), result.path("notAfter").asText(), cert, key, issuer);
    return 0;
  }
}
