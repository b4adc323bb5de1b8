package org.dataembassy.failover.raft;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.dataembassy.failover.ControlCommand;
import org.dataembassy.failover.agreement.PromotionAgreement;
import org.dataembassy.failover.config.ControlPlaneConfig;
import org.dataembassy.runtime.crypto.SiteSignatures;
import org.dataembassy.runtime.crypto.StateRoot;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.sitelink.SiteBoundTcp;
import org.dataembassy.runtime.sitelink.SiteLinkTls;
import org.jboss.logging.Logger;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.protocols.raft.election.BaseElection;
import org.jgroups.raft.RaftHandle;

/**
 * This site's member of the sites' Raft group (jgroups-raft): a JGroups channel of its own over TCP
 * between the sites' addresses, with the Raft log under {@code data/<site>/raft}.
 */
@ApplicationScoped
public class RaftGroup {

  private static final Logger LOG = Logger.getLogger(RaftGroup.class);

  @Inject SiteConfig site;
  @Inject FederationConfig federation;
  @Inject ControlPlaneConfig config;
  @Inject SiteLinkTls siteLink;
  @Inject SiteSignatures signatures;
  @Inject StateRoot stateRoot;

  private volatile JChannel channel;
  private volatile RaftHandle raft;
  private volatile ControlPlaneStateMachine stateMachine;

  private volatile RaftMembership membership;
  private volatile boolean freshLog;
  /** Opened when this site becomes leader of the group it last started. */
  private volatile CountDownLatch leading = new CountDownLatch(1);

  /** Joins the group of {@code membership}'s generation (idempotent). */
  public synchronized void start(RaftMembership membership) {
    if (channel != null) {
      return;
    }
    try {
      Path logDir = raftDir();
      Files.createDirectories(logDir);
      freshLog = !Files.exists(logDir.resolve(site.id() + ".log"));
      this.membership = membership;
      leading = new CountDownLatch(1);
      stateMachine =
          stateMachine == null
              ? new ControlPlaneStateMachine(
                  federation.initialActive(),
                  new PromotionAgreement(federation.siteIds(), signatures, stateRoot.certificate()),
                  // the generation as this site started it (the Raft protocol's own member list
                  // comes back from an old snapshot until pinned: docs/raft-notes.md)
                  () -> this.membership)
              : stateMachine;
      stateMachine.beginReplay(); // until joined: this site's own snapshot and log are loaded
      channel = new JChannel(stack(logDir, membership));
      channel.setName(site.id());
      siteLink.socketFactory().ifPresent(channel.getProtocolStack().getTransport()::setSocketFactory);
      raft = new RaftHandle(channel, stateMachine).raftId(site.id());
      ControlPlaneStateMachine machine = stateMachine;
      ((CatchUpRaft) raft.raft()).onCommandArrival(machine::renewalArrived);
      raft.addRoleListener(
          role -> {
            if (role == org.jgroups.protocols.raft.Role.Leader) {
              leading.countDown();
              String active = stateMachine.state().activeSite();
              stateMachine.restartSilenceClock(
                  ((CatchUpRaft) raft.raft()).lastAppendNanos(), active != null && members().contains(active));
              LOG.infof("EMB-FO-011 site %s leads the control plane's Raft group (term %d)", site.id(), raft.currentTerm());
            } else {
              stateMachine.stoppedLeading();
              LOG.infof("EMB-FO-013 site %s is a Raft %s (term %d)", site.id(), role, raft.currentTerm());
            }
          });
      channel.setReceiver(
          new org.jgroups.Receiver() {
            @Override
            public void viewAccepted(org.jgroups.View view) {
              LOG.infof("EMB-FO-012 control-plane view %s (Raft leader %s)", view.getMembers(), leader().orElse("none"));
            }
          });
      long start = System.nanoTime();
      channel.connect(membership.clusterName());
      stateMachine.goLive();
      LOG.infof(
          "EMB-FO-010 joined the control plane's Raft group as %s in %d ms (generation %d, members %s)",
          site.id(), (System.nanoTime() - start) / 1_000_000, membership.generation(), membership.members());
    } catch (Exception e) {
      throw new IllegalStateException("cannot join the control plane's Raft group", e);
    }
  }

  private volatile String leftBecause;

  /**
   * Leaves the Raft group for good (until restarted): this site was superseded by a newer
   * generation. It renews no lease and counts as not current from now on.
   */
  public synchronized void leave(String because) {
    if (leftBecause != null) {
      return;
    }
    leftBecause = because;
    LOG.error(because);
    if (channel != null) {
      channel.close();
    }
  }

  /** Why this site left its control plane, if it did. */
  public Optional<String> leftBecause() {
    return Optional.ofNullable(leftBecause);
  }

  public Path raftDir() {
    return site.siteDir().toAbsolutePath().resolve("raft");
  }

  /** The generation and members this site's group runs with. */
  public RaftMembership membership() {
    return membership;
  }

  /**
   * Leaves the current group and starts {@code next} (a forced generation with the survivors
   * only) over this site's Raft log, and waits until this site leads it. The caller then commits
   * the forced promotion and {@link #pinMembership() pins} the new membership.
   *
   * @return whether this site leads the new generation within {@code timeoutMs}
   */
  public synchronized boolean restartAs(RaftMembership next, long timeoutMs) throws InterruptedException {
    next.save(raftDir());
    if (channel != null) {
      channel.close();
      channel = null;
    }
    start(next);
    return leading.await(timeoutMs, TimeUnit.MILLISECONDS) && isLeader();
  }

  /**
   * Makes the Raft protocol's member list the current membership's and writes it into a snapshot:
   * a snapshot taken in the old generation had restored the old list (jgroups-raft recomputes only
   * the majority from the configuration), and without a fresh snapshot the old list would come back
   * at the next start (docs/raft-notes.md).
   */
  public void pinMembership() throws Exception {
    raft.raft().members(membership.members());
    raft.snapshot();
  }

  /**
   * On the leader of a forced generation: admits sites of the federation that connected to this
   * generation's cluster (they can only have done so by rejoining with a fresh log) as Raft
   * members, one at a time. Called periodically by the control loop.
   */
  public void admitRejoinedSites() {
    if (raft == null || !isLeader() || channel == null || channel.getView() == null) {
      return;
    }
    List<String> current = raft.raft().members();
    for (Address member : channel.getView().getMembers()) {
      String id = siteOf(member);
      if (!current.contains(id) && federation.site(id).isPresent()) {
        try {
          raft.addServer(id).get(2, TimeUnit.SECONDS);
          recordMembershipChanges();
          LOG.warnf(
              "EMB-FO-032 site %s rejoined the control plane (generation %d, members now %s)",
              id, membership.generation(), raft.raft().members());
        } catch (Exception e) {
          LOG.infof("EMB-FO-033 admitting %s to the control plane failed, will retry: %s", id, e.toString());
        }
        return; // one membership change at a time
      }
    }
  }

  /**
   * Keeps this site's membership file equal to the members the Raft log says (a rejoined site
   * learns of sites admitted after it only from the log): the next start computes its majority
   * from the file. Called periodically by the control loop.
   */
  public void recordMembershipChanges() {
    RaftMembership known = membership;
    if (raft == null || known == null || !current()) {
      return;
    }
    List<String> members = raft.raft().members();
    if (!members.isEmpty() && !new java.util.HashSet<>(members).equals(new java.util.HashSet<>(known.members()))) {
      membership = new RaftMembership(known.generation(), members);
      membership.save(raftDir());
      LOG.infof("EMB-FO-037 control-plane members of generation %d are now %s", known.generation(), members);
    }
  }

  /**
   * A member that started with an empty log and was brought up to date by the leader takes its
   * own snapshot once it has applied everything: jgroups-raft 1.1.3 keeps a snapshot installed by
   * the leader only in memory (FileBasedLog.reinitializeTo writes no entry), so without this a
   * restart would lose the member's whole log (docs/raft-notes.md).
   */
  public void snapshotAfterFirstCatchUp() {
    if (!freshLog || raft == null || !current()) {
      return;
    }
    try {
      raft.snapshot();
      freshLog = false;
      LOG.infof("EMB-FO-034 site %s wrote its first Raft snapshot (commit index %d)", site.id(), raft.commitIndex());
    } catch (Exception e) {
      LOG.infof("EMB-FO-034 site %s could not write its first Raft snapshot yet: %s", site.id(), e.toString());
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (channel != null) {
      channel.close();
    }
  }

  public ControlPlaneStateMachine stateMachine() {
    return stateMachine;
  }

  public boolean isLeader() {
    return raft != null && raft.isLeader();
  }

  public Optional<String> leader() {
    Address leader = raft == null ? null : raft.leader();
    return Optional.ofNullable(leader).map(RaftGroup::siteOf);
  }

  /** A leader is known and this member has applied every entry it knows to be committed. */
  public boolean current() {
    return raft != null
        && leftBecause == null
        && raft.leader() != null
        && raft.commitIndex() > 0
        && raft.lastApplied() >= raft.commitIndex();
  }

  public long term() {
    return raft == null ? 0 : raft.currentTerm();
  }

  /** The sites currently connected in the group's view (this one included). */
  public List<String> members() {
    if (channel == null || channel.getView() == null) {
      return List.of();
    }
    return channel.getView().getMembers().stream().map(RaftGroup::siteOf).collect(Collectors.toList());
  }

  /**
   * The site a member of the group is: its Raft id, which the site-link transport holds to the
   * site its certificate names (its logical name travels unchecked in discovery messages).
   */
  static String siteOf(Address member) {
    String raftId = SiteBoundTcp.raftIdOf(member);
    return raftId != null ? raftId : member.toString();
  }

  /**
   * Commits a command through Raft and returns whether the state machine accepted it.
   *
   * @throws Exception if it could not be committed in time (no majority, no leader)
   */
  private volatile long leaderlessSinceNanos;

  /**
   * Starts an election if this member has known no leader for {@code afterMs} while a majority is
   * connected. jgroups-raft 1.1.3 elects only on a view change, run by the view's coordinator:
   * after a partition healed, the merged view's coordinator still believed the old leader led
   * (there are no heartbeats to tell it otherwise), the old leader knew it did not, and no
   * election ever ran — the active site could not renew its lease for good (F0500, in CI).
   * Called periodically by the control loop.
   */
  public void electIfLeaderless(long afterMs) {
    if (raft == null || channel == null || channel.getView() == null) {
      return;
    }
    if (raft.leader() != null) {
      leaderlessSinceNanos = 0;
      return;
    }
    long now = System.nanoTime();
    if (leaderlessSinceNanos == 0) {
      leaderlessSinceNanos = now;
      return;
    }
    int majority = raft.raft().majority();
    if (now - leaderlessSinceNanos < TimeUnit.MILLISECONDS.toNanos(afterMs)
        || channel.getView().size() < majority) {
      return;
    }
    BaseElection election = channel.getProtocolStack().findProtocol(BaseElection.class);
    if (election != null && !election.isVotingThreadRunning()) {
      LOG.warnf(
          "EMB-FO-014 no Raft leader known for %d ms with %s connected: site %s starts an election",
          TimeUnit.NANOSECONDS.toMillis(now - leaderlessSinceNanos), members(), site.id());
      election.startVotingThread();
    }
    leaderlessSinceNanos = now;
  }

  public boolean commit(ControlCommand command, long timeoutMs) throws Exception {
    if (leftBecause != null) {
      throw new IllegalStateException("this site left the control plane");
    }
    byte[] data = ControlPlaneStateMachine.encode(command);
    byte[] result = raft.setAsync(data, 0, data.length).get(timeoutMs, TimeUnit.MILLISECONDS);
    return result != null && result.length == 1 && result[0] == ControlPlaneStateMachine.ACCEPTED[0];
  }

  private InputStream stack(Path logDir, RaftMembership membership) {
    return new RaftStack(
            federation.site(site.id()).orElseThrow().address(),
            config.port(),
            federation.siteIds().stream().map(id -> federation.sites().get(id).address() + "[" + config.port() + "]").toList(),
            membership.members(),
            site.id(),
            logDir,
            config.failureDetectionMs(),
            federation.siteAddresses(),
            site.siteDir().resolve("pki").toString(),
            org.dataembassy.runtime.crypto.StateCertificateAuthority.certificateFile(site.dataDir()).toString())
        .stream();
  }
}
