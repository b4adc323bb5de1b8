package org.dataembassy.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.federation.LocalFederation;
import org.dataembassy.cli.federation.SiteSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code ./embassy status}: one line per site. */
@Command(name = "status", description = "Show each site: address, role, pid, epoch, journal sequence, lag behind the active site, lease, readiness, replication.")
public final class StatusCommand implements Callable<Integer> {

  @ParentCommand Embassy parent;

  @Override
  public Integer call() {
    LocalFederation federation = parent.federation();
    Map<String, String> pids = new LinkedHashMap<>();
    Map<String, JsonNode> selves = new LinkedHashMap<>();
    for (SiteSpec site : federation.layout().sites()) {
      String pid = federation.processes().running(site.id()).map(p -> Long.toString(p.pid())).orElse("-");
      pids.put(site.id(), pid);
      if (!pid.equals("-")) {
        federation.selfStatus(site.id()).ifPresent(self -> selves.put(site.id(), self));
      }
    }
    // lag: entries the active site has folded that a site has not (yet)
    OptionalLong activeSequence =
        selves.values().stream()
            .filter(s -> "ACTIVE".equals(s.path("role").asText()))
            .mapToLong(s -> s.path("journalSequence").asLong())
            .max();
    String format = "%-5s %-12s %-11s %-8s %-6s %-8s %-5s %-7s %-6s %s%n";
    System.out.printf(
        format, "SITE", "ADDRESS", "ROLE", "PID", "EPOCH", "JOURNAL", "LAG", "LEASE", "READY", "REPLICATION");
    for (SiteSpec site : federation.layout().sites()) {
      String pid = pids.get(site.id());
      Optional<JsonNode> self = Optional.ofNullable(selves.get(site.id()));
      String role = self.map(s -> s.path("role").asText()).orElse(pid.equals("-") ? "DOWN" : "UNREACHABLE");
      System.out.printf(
          format,
          site.id(),
          site.address(),
          role,
          pid,
          self.map(s -> s.path("epoch").asText()).orElse("-"),
          self.map(s -> s.path("journalSequence").asText()).orElse("-"),
          self.map(s -> lag(s, activeSequence)).orElse("-"),
          self.map(s -> s.path("leaseRemainingMs").asLong() > 0 ? s.path("leaseRemainingMs").asText() + "ms" : "-").orElse("-"),
          self.map(s -> s.path("caughtUp").asBoolean() ? "yes" : "no").orElse("-"),
          self.map(StatusCommand::replication).orElse("-"));
    }
    return 0;
  }

  private static String lag(JsonNode self, OptionalLong activeSequence) {
    if (activeSequence.isEmpty()) {
      return "?";
    }
    return Long.toString(Math.max(0, activeSequence.getAsLong() - self.path("journalSequence").asLong()));
  }

  private static String replication(JsonNode self) {
    List<String> parts = new ArrayList<>();
    self.path("replication")
        .fields()
        .forEachRemaining(e -> parts.add("→" + e.getKey() + ":" + e.getValue().path("state").asText()));
    return String.join(" ", parts);
  }
}
