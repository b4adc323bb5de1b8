package org.dataembassy.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.ceremony.KeyCeremonyRunner;
import org.dataembassy.cli.federation.LocalFederation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./embassy operator add NAME [--role auditor] [--out DIR]}: a person's client certificate
 * from the state root, with their role in it — what the management port (:9443) asks for.
 */
@Command(
    name = "operator",
    description = "Operators and auditors: people with certificates from the state root.",
    subcommands = {OperatorCommand.Add.class})
public final class OperatorCommand {

  @ParentCommand Embassy parent;

  @Command(
      name = "add",
      description =
          "Issue a person's certificate (cert.pem) and key (key.pem, owner-only) from the state root, role"
              + " operator (runs the federation) or auditor (reads the management endpoints).")
  static final class Add implements Callable<Integer> {

    @ParentCommand OperatorCommand operator;

    @Parameters(paramLabel = "NAME", description = "the person's name, as the certificate's subject will say")
    String name;

    @Option(names = "--role", defaultValue = "operator", description = "operator or auditor (default: ${DEFAULT-VALUE})")
    String role;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write cert.pem and key.pem (default: data/operators/NAME)")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (!role.equals("operator") && !role.equals("auditor")) {
        System.err.println("embassy: --role is operator or auditor, not " + role);
        return Embassy.USAGE_ERROR;
      }
      LocalFederation federation = operator.parent.federation();
      Path dir = out != null ? out : federation.layout().dataDir().resolve("operators").resolve(name.replaceAll("[^A-Za-z0-9._-]", "_"));
      if (Files.exists(dir.resolve("key.pem"))) {
        System.err.println("embassy: " + dir.resolve("key.pem") + " exists already: choose another --out");
        return Embassy.USAGE_ERROR;
      }
      String subject = new KeyCeremonyRunner(federation.layout()).issueOperator(dir, name, role);
      System.out.printf("Issued %s's %s certificate (%s): %s, %s%n", name, role, subject, dir.resolve("cert.pem"), dir.resolve("key.pem"));
      return 0;
    }
  }
}
