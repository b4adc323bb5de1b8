package org.dataembassy.cli.command;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dataembassy.cli.Embassy;
import org.dataembassy.cli.ceremony.KeyCeremonyRunner;
import org.dataembassy.cli.federation.LocalFederation;
import org.dataembassy.cli.federation.SiteClient;
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
      KeyCeremonyRunner ceremony = new KeyCeremonyRunner(federation.layout());
      int revoked = ceremony.revokeSite(site);
      System.out.printf(
          "Revoked site %s: %d certificates on the state root's revocation list (data/state/%s)%n",
          site, revoked, KeyCeremonyRunner.REVOCATION_LIST);
      byte[] list = Files.readAllBytes(ceremony.revocationList());
      List<String> notTaken = new ArrayList<>();
      for (String id : federation.siteIds()) {
        if (federation.processes().running(id).isEmpty()) {
          System.out.printf("  %-5s not running: refuses %s from its next start (data/%s/pki/%s)%n", id, site, id, KeyCeremonyRunner.REVOCATION_LIST);
          continue;
        }
        SiteClient.Answer answer = federation.handRevocationList(id, list);
        if (answer.status() == 200) {
          System.out.printf("  %-5s refuses %s now (list %s)%n", id, site, SiteClient.parse(answer.body()).path("number").asText());
        } else {
          System.out.printf("  %-5s did NOT take the list (HTTP %d)%n", id, answer.status());
          notTaken.add(id);
        }
      }
      if (!notTaken.isEmpty()) {
        System.err.println("embassy: " + String.join(", ", notTaken) + " did not take the revocation list; they read it from pki/ within a second, or run ./embassy site revoke " + site + " again");
        return 1;
      }
      return 0;
    }
  }
}
