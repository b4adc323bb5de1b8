package org.dataembassy.cli.command;

import java.util.concurrent.Callable;
import org.dataembassy.cli.Embassy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ./embassy kill SITE}: SIGKILL, the simulation of a site's hard loss. */
@Command(name = "kill", description = "Kill a site with SIGKILL (simulates the hard loss of a site).")
public final class KillCommand implements Callable<Integer> {

  @ParentCommand Embassy parent;

  @Parameters(paramLabel = "SITE", description = "home, lux or emb2")
  String site;

  @Override
  public Integer call() {
    if (!parent.federation().kill(site)) {
      System.err.println("embassy: site " + site + " is not running");
      return Embassy.USAGE_ERROR;
    }
    System.out.println("Killed " + site + " (SIGKILL)");
    return 0;
  }
}
