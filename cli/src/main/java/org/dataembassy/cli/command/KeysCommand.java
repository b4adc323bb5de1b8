package org.dataembassy.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.ceremony.KeyCeremonyRunner;
import org.dataembassy.cli.federation.LocalFederation;
import org.dataembassy.cli.federation.SiteClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code ./embassy keys rotate}: the state's key ceremony for a new data key version. */
@Command(
    name = "keys",
    description = "The state's keys.",
    subcommands = {KeysCommand.Rotate.class})
public final class KeysCommand {

  @ParentCommand Embassy parent;

  @Command(
      name = "rotate",
      description =
          "Make a new state data key in the state's token, deliver it sealed to every site's token, and"
              + " switch the running sites to it (no restart; values sealed under older versions stay readable).")
  static final class Rotate implements Callable<Integer> {

    @ParentCommand KeysCommand keys;

    @Override
    public Integer call() throws Exception {
      LocalFederation federation = keys.parent.federation();
      int version = new KeyCeremonyRunner(federation.layout()).rotate();
      System.out.printf("Data key v%d made in the state's token and delivered to %s%n", version,
          String.join(", ", federation.siteIds()));
      List<String> notSwitched = new ArrayList<>();
      for (String id : federation.siteIds()) {
        if (federation.processes().running(id).isEmpty()) {
          System.out.printf("  %-5s not running: uses v%d from its next start%n", id, version);
          continue;
        }
        SiteClient.Answer answer = federation.useNewestDataKey(id);
        int now = answer.status() == 200 ? SiteClient.parse(answer.body()).path("version").asInt() : -1;
        System.out.printf("  %-5s %s%n", id, now == version ? "sealing with v" + now : "NOT switched (HTTP " + answer.status() + ")");
        if (now != version) {
          notSwitched.add(id);
        }
      }
      if (!notSwitched.isEmpty()) {
        System.err.println("embassy: not switched to v" + version + ": " + String.join(", ", notSwitched) + " (run ./embassy keys rotate again, or restart them)");
        return 1;
      }
      return 0;
    }
  }
}
