package org.dataembassy.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.federation.SiteClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./embassy switchover --to SITE}: planned switchover, no acknowledged write lost. */
@Command(
    name = "switchover",
    description = "Hand the active role to another site: drain, confirm it holds the last write, swap.")
public final class SwitchoverCommand implements Callable<Integer> {

  @ParentCommand Embassy parent;

  @Option(names = "--to", required = true, paramLabel = "SITE", description = "the site to make active")
  String target;

  @Override
  public Integer call() throws Exception {
    SiteClient.Answer answer = parent.federation().switchover(target);
    JsonNode body = SiteClient.parse(answer.body());
    if (answer.status() == 200) {
      System.out.printf(
          "Switched over %s -> %s: epoch %d from journal sequence %d, writes held %d ms%n",
          body.path("from").asText(),
          body.path("to").asText(),
          body.path("epoch").asLong(),
          body.path("sequence").asLong() + 1,
          body.path("writePauseMs").asLong());
      return 0;
    }
    String detail = body.path("detail").asText(answer.body());
    System.err.println("embassy: switchover refused: " + detail);
    return answer.status() >= 400 && answer.status() < 500 ? Embassy.USAGE_ERROR : 1;
  }
}
