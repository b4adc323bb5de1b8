package org.dataembassy.cli.command;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.federation.LocalFederation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./embassy rebuild SITE}: throws away a site's projection database and refolds it from the
 * site's journal.
 */
@Command(
    name = "rebuild",
    description = "Stop a site, delete its projection database and rebuild it from the journal.")
public final class RebuildCommand implements Callable<Integer> {

  @ParentCommand Embassy parent;

  @Parameters(paramLabel = "SITE", description = "home, lux or emb2")
  String site;

  @Override
  public Integer call() throws Exception {
    LocalFederation federation = parent.federation();
    boolean wasRunning = federation.rebuild(site);
    System.out.println("Deleted the projection database of " + site + "; rebuilding from its journal");
    if (!federation.awaitReady(List.of(site), Duration.ofSeconds(120)).isEmpty()) {
      System.err.println("embassy: " + site + " did not become ready; see " + federation.processes().logFile(site));
      return 1;
    }
    System.out.println("Rebuilt " + site + (wasRunning ? "" : " (it was not running before)"));
    return 0;
  }
}
