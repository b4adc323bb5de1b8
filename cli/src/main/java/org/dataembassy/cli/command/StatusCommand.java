package org.dataembassy.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.federation.LocalFederation;
import org.dataembassy.cli.federation.SiteSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code ./embassy status}: one line per site. */
@Command(name = "status", description = "Show each site: address, role, pid, journal sequence, replication.")
public final class StatusCommand implements Callable<Integer> {

  @ParentCommand Embassy parent;

  @Override
  public Integer call() {
    LocalFederation federation = parent.federation();
    System.out.printf(
        "%-5s %-12s %-11s %-8s %-6s %-8s %-6s %-6s %s%n",
        "SITE", "ADDRESS", "ROLE", "PID", "EPOCH", "JOURNAL", "LEASE", "READY", "REPLICATION");
    for (SiteSpec site : federation.layout().sites()) {
      String pid =
          federation.processes().running(site.id()).map(p -> Long.toString(p.pid())).orElse("-");
      Optional<JsonNode> self = pid.equals("-") ? Optional.empty() : federation.selfStatus(site.id());
      String role = self.map(s -> s.path("role").asText()).orElse(pid.equals("-") ? "DOWN" : "UNREACHABLE");
      System.out.printf(
          "%-5s %-12s %-11s %-8s %-6s %-8s %-6s %-6s %s%n",
          site.id(),
          site.address(),
          role,
          pid,
          self.map(s -> s.path("epoch").asText()).orElse("-"),
          self.map(s -> s.path("journalSequence").asText()).orElse("-"),
          self.map(s -> s.path("leaseRemainingMs").asLong() > 0 ? s.path("leaseRemainingMs").asText() + "ms" : "-").orElse("-"),
          self.map(s -> s.path("caughtUp").asBoolean() ? "yes" : "no").orElse("-"),
          self.map(StatusCommand::replication).orElse("-"));
    }
    return 0;
  }

  private static String replication(JsonNode self) {
    List<String> parts = new ArrayList<>();
    self.path("replication")
        .fields()
        .forEachRemaining(e -> parts.add("→" + e.getKey() + ":" + e.getValue().path("state").asText()));
    return String.join(" ", parts);
  }
}
