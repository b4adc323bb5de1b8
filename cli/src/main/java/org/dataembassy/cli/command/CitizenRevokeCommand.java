package org.dataembassy.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.federation.SiteClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./embassy citizen revoke --code C | --serial S [--reason R]}: revokes every valid
 * certificate of a person, or one certificate. Journaled: every site answers OCSP "revoked".
 */
@Command(name = "revoke", description = "Revoke a person's certificates (--code) or one certificate (--serial).")
public final class CitizenRevokeCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--code", paramLabel = "CODE", description = "every valid certificate of this person")
    String code;

    @Option(names = "--serial", paramLabel = "SERIAL", description = "one certificate (hex, as openssl x509 -serial prints it)")
    String serial;
  }

  @Option(
      names = "--reason",
      paramLabel = "REASON",
      description = "key_compromise, affiliation_changed, superseded, cessation_of_operation, certificate_hold, privilege_withdrawn or unspecified (default)")
  String reason = "unspecified";

  @Override
  public Integer call() throws Exception {
    Embassy embassy = (Embassy) spec.parent().parent().userObject();
    ObjectNode body = SiteClient.json().createObjectNode().put("reason", reason);
    String path;
    if (target.code != null) {
      body.put("personalCode", target.code);
      path = "/certificates/revocations";
    } else {
      String serial = target.serial.startsWith("serial=") ? target.serial.substring(7) : target.serial;
      if (!serial.matches("[0-9A-Fa-f]{1,40}")) {
        throw new IllegalArgumentException("--serial takes the certificate's serial number in hex");
      }
      path = "/certificates/" + serial + "/revocation";
    }
    SiteClient.Answer answer = embassy.federation().operatorWrite(path, body.toString());
    JsonNode result = SiteClient.parse(answer.body());
    if (answer.status() != 200) {
      System.err.println("embassy: revocation refused: " + result.path("detail").asText(answer.body()));
      return answer.status() >= 400 && answer.status() < 500 ? Embassy.USAGE_ERROR : 1;
    }
    List<String> serials = new ArrayList<>();
    result.path("revoked").forEach(c -> serials.add(c.path("serial").asText()));
    System.out.printf("Revoked %d certificate(s) (%s): %s%n", serials.size(), reason, String.join(", ", serials));
    return 0;
  }
}
