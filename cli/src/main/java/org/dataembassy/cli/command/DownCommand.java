package org.dataembassy.cli.command;

import java.util.concurrent.Callable;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.federation.LocalFederation;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code ./embassy down}: stops every site, the active one last (SIGTERM, then SIGKILL after a grace period). */
@Command(name = "down", description = "Stop all sites of the local federation.")
public final class DownCommand implements Callable<Integer> {

  @ParentCommand Embassy parent;

  @Override
  public Integer call() {
    LocalFederation federation = parent.federation();
    federation.stopAll().forEach(site -> System.out.println("Stopped " + site));
    return 0;
  }
}
