package org.dataembassy.cli.command;

import java.util.concurrent.Callable;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.ceremony.KeyCeremonyRunner;
import org.dataembassy.cli.federation.LocalFederation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ./embassy site revoke SITE}: cut off a site lost to its host. */
@Command(
    name = "site",
    description = "The federation's sites as the state certifies them.",
    subcommands = {SiteCommand.Revoke.class})
public final class SiteCommand {

  @ParentCommand Embassy parent;

  @Command(
      name = "revoke",
      description =
          "Revoke every certificate the state root issued to SITE (a site lost to its host): OCSP reports"
              + " them revoked, and every other site refuses its links, journal entries, sessions and the"
              + " citizens its issuing CA certified. For good: the site is never certified again.")
  static final class Revoke implements Callable<Integer> {

    @ParentCommand SiteCommand command;

    @Parameters(paramLabel = "SITE", description = "the site to revoke")
    String site;

    @Override
    public Integer call() throws Exception {
      LocalFederation federation = command.parent.federation();
      if (!federation.siteIds().contains(site)) {
        System.err.println("embassy: no site " + site + " in this federation (" + String.join(", ", federation.siteIds()) + ")");
        return Embassy.USAGE_ERROR;
      }
      int revoked = new KeyCeremonyRunner(federation.layout()).revokeSite(site);
      System.out.printf(
          "Revoked site %s: %d certificates on the state root's revocation list (data/state/%s), handed to %s;"
              + " running sites refuse %s within a second%n",
          site, revoked, KeyCeremonyRunner.REVOCATION_LIST, String.join(", ", federation.siteIds()), site);
      return 0;
    }
  }
}
