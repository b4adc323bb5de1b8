package org.dataembassy.cli;

import java.nio.file.Path;
import org.dataembassy.cli.command.CitizenCommand;
import org.dataembassy.cli.command.DownCommand;
import org.dataembassy.cli.command.DrillCommand;
import org.dataembassy.cli.command.KeysCommand;
import org.dataembassy.cli.command.OperatorCommand;
import org.dataembassy.cli.command.KillCommand;
import org.dataembassy.cli.command.PromoteCommand;
import org.dataembassy.cli.command.RebuildCommand;
import org.dataembassy.cli.command.SiteCommand;
import org.dataembassy.cli.command.StartCommand;
import org.dataembassy.cli.command.StatusCommand;
import org.dataembassy.cli.command.SwitchoverCommand;
import org.dataembassy.cli.command.UpCommand;
import org.dataembassy.cli.federation.FederationLayout;
import org.dataembassy.cli.federation.LocalFederation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./embassy}: runs and inspects the local federation. */
@Command(
    name = "embassy",
    mixinStandardHelpOptions = true,
    version = "embassy 0.1.0",
    description = "Runs and inspects a local Embassy federation (home, lux, emb2).",
    subcommands = {
      UpCommand.class,
      StatusCommand.class,
      KillCommand.class,
      StartCommand.class,
      DownCommand.class,
      RebuildCommand.class,
      SwitchoverCommand.class,
      PromoteCommand.class,
      CitizenCommand.class,
      KeysCommand.class,
      OperatorCommand.class,
      SiteCommand.class,
      DrillCommand.class
    })
public final class Embassy {

  /** Exit code for an operator mistake (unknown site, bad arguments): nothing was changed. */
  public static final int USAGE_ERROR = 2;

  @Option(
      names = "--root",
      description = "The Embassy checkout (set by the ./embassy script).",
      defaultValue = ".")
  Path root;

  @Option(
      names = "--data",
      description = "The federation's data directory (default: <root>/data).")
  Path data;

  @Option(
      names = "--addresses",
      split = ",",
      paramLabel = "HOME,LUX,EMB2",
      description = "The three sites' addresses (default 127.0.0.11,127.0.0.12,127.0.0.13), e.g. to reach a second federation on other loopback addresses.")
  java.util.List<String> addresses;

  public LocalFederation federation() {
    Path home = root.toAbsolutePath().normalize();
    FederationLayout layout = FederationLayout.local(home);
    if (addresses != null && addresses.size() != 3) {
      throw new IllegalArgumentException("--addresses takes three addresses: home, lux, emb2");
    }
    if (data != null || addresses != null) {
      java.util.List<String> a = addresses != null ? addresses : java.util.List.of("127.0.0.11", "127.0.0.12", "127.0.0.13");
      layout =
          FederationLayout.withAddresses(
              data != null ? data.toAbsolutePath().normalize() : layout.dataDir(),
              layout.siteApp(),
              a.get(0),
              a.get(1),
              a.get(2));
    }
    return new LocalFederation(layout);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its error handlers: operator mistakes get one line and exit code 2. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Embassy());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof IllegalArgumentException) {
            commandLine.getErr().println("embassy: " + e.getMessage());
            return USAGE_ERROR;
          }
          commandLine.getErr().println("embassy: " + e.getMessage());
          return 1;
        });
    cli.setParameterExceptionHandler(
        (e, argv) -> {
          e.getCommandLine().getErr().println("embassy: " + e.getMessage());
          return USAGE_ERROR;
        });
    return cli;
  }
}
