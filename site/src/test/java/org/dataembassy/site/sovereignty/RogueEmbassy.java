package org.dataembassy.site.sovereignty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.dataembassy.failover.ControlCommand;
import org.dataembassy.failover.PromotionKind;
import org.dataembassy.failover.agreement.PromotionVote;
import org.dataembassy.failover.raft.ControlPlaneStateMachine;
import org.dataembassy.failover.raft.RaftMembership;
import org.dataembassy.failover.raft.RaftStack;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;
import org.dataembassy.runtime.crypto.token.SiteSigningKeys;
import org.dataembassy.runtime.crypto.token.SiteToken;
import org.dataembassy.runtime.crypto.token.TokenPin;
import org.dataembassy.runtime.sitelink.SiteLinkCertificates;
import org.dataembassy.runtime.sitelink.SiteLinkSocketFactory;
import org.dataembassy.runtime.sitelink.SiteLinkTls;
import org.jgroups.JChannel;
import org.jgroups.raft.RaftHandle;
import org.jgroups.raft.StateMachine;

/**
 * What the host of lux could run with lux's own files: lux's token (and its PIN file), its
 * site-link certificate and its journal key, as a program of the host's own instead of Embassy. It
 * joins the control plane's Raft group with the real stack and tries to seize the federation:
 *
 * <ul>
 *   <li>{@code as-home}: from lux's address, as Raft member "home";
 *   <li>{@code at-home-address}: from home's address (another port), as "home";
 *   <li>{@code promote-self EPOCH STORED}: as lux, and submits lux's own promotion with lux's vote
 *       alone (the Raft leader appends what a member redirects to it).
 * </ul>
 *
 * Prints {@code ROGUE ...} lines for the test; runs until killed. Test code only.
 *
 * <p>Arguments: MODE DATA_DIR ADDRESS PORT HOSTS SITES MEMBERS LOG_DIR [EPOCH STORED]
 */
public final class RogueEmbassy {

  private RogueEmbassy() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path dataDir = Path.of(args[1]);
    String address = args[2];
    int port = Integer.parseInt(args[3]);
    List<String> hosts = Arrays.asList(args[4].split(","));
    String sites = args[5];
    List<String> members = Arrays.asList(args[6].split(","));
    Path logDir = Path.of(args[7]);
    Path lux = dataDir.resolve("lux");

    SiteToken token =
        SiteToken.open(lux.resolve("token").resolve("pkcs11.cfg"), TokenPin.read(Optional.empty(), lux.resolve("token").resolve("pin")));
    SSLContext tls = SiteLinkTls.contextFor(SiteLinkCertificates.load(token, dataDir, "lux"), members);
    String raftId = mode.equals("promote-self") ? "lux" : "home";
    Files.createDirectories(logDir);
    JChannel channel =
        new JChannel(new RaftStack(address, port, hosts, members, raftId, logDir, 1000, sites, "", "").stream());
    channel.setName(raftId);
    channel.getProtocolStack().getTransport()
        .setSocketFactory(SiteLinkSocketFactory.create(tls, 2000, Executors.newSingleThreadScheduledExecutor()));
    RaftHandle raft = new RaftHandle(channel, new Ignoring()).raftId(raftId);
    channel.connect(new RaftMembership(0, members).clusterName());
    System.out.println("ROGUE connected as " + raftId + " view " + channel.getView());

    if (mode.equals("promote-self")) {
      long epoch = Long.parseLong(args[8]);
      long stored = Long.parseLong(args[9]);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (raft.leader() == null && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      System.out.println("ROGUE leader " + raft.leader());
      PromotionVote unsigned =
          new PromotionVote(PromotionKind.FAILOVER, "lux", epoch, "home", "lux", stored + 1, 60_000, stored, System.currentTimeMillis(), null);
      Signature signature = Signature.getInstance("SHA256withECDSA", token.provider());
      signature.initSign(SiteSigningKeys.load(token, SigningService.JOURNAL).privateKey());
      signature.update(unsigned.statement());
      PromotionVote vote = unsigned.withSignature(Base64.getEncoder().encodeToString(signature.sign()));
      byte[] command =
          ControlPlaneStateMachine.encode(
              new ControlCommand.Promote("lux", epoch, stored + 1, PromotionKind.FAILOVER, "rogue", "lux",
                  System.currentTimeMillis(), List.of(vote)));
      try {
        raft.setAsync(command, 0, command.length).get(10, TimeUnit.SECONDS);
        System.out.println("ROGUE promotion committed");
      } catch (Exception e) {
        System.out.println("ROGUE promotion not committed: " + e);
      }
    }
    Thread.sleep(Long.MAX_VALUE);
  }

  /** The rogue's own state machine: it keeps nothing. */
  private static final class Ignoring implements StateMachine {
    @Override
    public byte[] apply(byte[] data, int offset, int length, boolean serializeResponse) {
      return new byte[] {1};
    }

    @Override
    public void readContentFrom(java.io.DataInput in) {}

    @Override
    public void writeContentTo(java.io.DataOutput out) {}
  }
}
