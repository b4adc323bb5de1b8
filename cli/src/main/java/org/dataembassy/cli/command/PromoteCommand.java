package org.dataembassy.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.federation.LocalFederation;
import org.dataembassy.cli.federation.SiteClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./embassy promote SITE --force}: the operator's override when the control plane's
 * majority is lost for good. Refused without {@code --force}, for a site that is not running, and
 * by the site itself while a majority is connected.
 */
@Command(
    name = "promote",
    description = "Force SITE active when the majority of sites is lost for good (override; audited).")
public final class PromoteCommand implements Callable<Integer> {

  @ParentCommand Embassy parent;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SITE", description = "the surviving site to make active")
  String site;

  @Option(names = "--force", description = "confirm the override (required)")
  boolean force;

  @Option(
      names = "--reason",
      defaultValue = "majority of sites lost",
      description = "why, for the audit history (default: ${DEFAULT-VALUE})")
  String reason;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    LocalFederation federation = parent.federation();
    federation.site(site);
    if (!force) {
      err.println(
          "embassy: promote overrides the control plane's majority and needs --force (for a planned change use: ./embassy switchover --to "
              + site + ")");
      return Embassy.USAGE_ERROR;
    }
    if (federation.processes().running(site).isEmpty()) {
      err.println("embassy: site " + site + " is not running; only a running site can be promoted");
      return Embassy.USAGE_ERROR;
    }
    Optional<JsonNode> view = federation.controlPlane(site);
    if (view.isPresent()) {
      int members = view.get().path("members").size();
      int connected = view.get().path("connected").size();
      if (members > 0 && connected >= members / 2 + 1) {
        err.println(
            "embassy: " + connected + " of " + members + " sites of the control plane are connected to " + site
                + ": the majority is not lost; use ./embassy switchover --to " + site);
        return Embassy.USAGE_ERROR;
      }
    }
    err.println(
        """
        ************************************************************************************
        WARNING: FORCED PROMOTION of %s. This overrides the control plane's majority.
        Do this only if the other sites are lost for good or fenced (powered off, cut off).
        If they are alive together they still hold their majority and may keep an active
        site of their own. They must come back with: ./embassy start SITE --rejoin
        Writes are acknowledged again once an embassy holds them (min-sync-embassies).
        ************************************************************************************"""
            .formatted(site));
    err.flush();
    SiteClient.Answer answer = federation.forcePromote(site, reason);
    JsonNode body = SiteClient.parse(answer.body());
    if (answer.status() == 200) {
      System.out.printf(
          "Forced %s active: epoch %d from journal sequence %d, control-plane generation %d (members %s; lost %s)%n",
          body.path("site").asText(),
          body.path("epoch").asLong(),
          body.path("startSequence").asLong(),
          body.path("generation").asInt(),
          body.path("members"),
          body.path("lost"));
      return 0;
    }
    err.println("embassy: forced promotion refused: " + body.path("detail").asText(answer.body()));
    return answer.status() >= 400 && answer.status() < 500 ? Embassy.USAGE_ERROR : 1;
  }
}
