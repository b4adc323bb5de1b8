package org.dataembassy.failover.raft;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.dataembassy.failover.ControlCommand;
import org.dataembassy.failover.config.ControlPlaneConfig;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.SiteConfig;
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
  private static final String CLUSTER = "embassy-control";
  private static final String TEMPLATE = "raft-stack.xml";

  @Inject SiteConfig site;
  @Inject FederationConfig federation;
  @Inject ControlPlaneConfig config;
  @Inject SiteLinkTls siteLink;

  private volatile JChannel channel;
  private volatile RaftHandle raft;
  private volatile ControlPlaneStateMachine stateMachine;

  /** Joins the group (idempotent). */
  public synchronized void start() {
    if (channel != null) {
      return;
    }
    try {
      Path logDir = site.siteDir().toAbsolutePath().resolve("raft");
      Files.createDirectories(logDir);
      stateMachine = new ControlPlaneStateMachine(federation.initialActive());
      channel = new JChannel(stack(logDir));
      channel.setName(site.id());
      siteLink.socketFactory().ifPresent(channel.getProtocolStack().getTransport()::setSocketFactory);
      raft = new RaftHandle(channel, stateMachine).raftId(site.id());
      raft.addRoleListener(
          role -> {
            if (role == org.jgroups.protocols.raft.Role.Leader) {
              stateMachine.restartSilenceClock();
              LOG.infof("EMB-FO-011 site %s leads the control plane's Raft group (term %d)", site.id(), raft.currentTerm());
            } else {
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
      channel.connect(CLUSTER);
      LOG.infof(
          "EMB-FO-010 joined the control plane's Raft group as %s in %d ms (members %s)",
          site.id(), (System.nanoTime() - start) / 1_000_000, federation.siteIds());
    } catch (Exception e) {
      throw new IllegalStateException("cannot join the control plane's Raft group", e);
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
    return Optional.ofNullable(leader).map(Address::toString);
  }

  /** A leader is known and this member has applied every entry it knows to be committed. */
  public boolean current() {
    return raft != null
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
    return channel.getView().getMembers().stream().map(Address::toString).collect(Collectors.toList());
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
    int majority = federation.siteIds().size() / 2 + 1;
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
    byte[] data = ControlPlaneStateMachine.encode(command);
    byte[] result = raft.setAsync(data, 0, data.length).get(timeoutMs, TimeUnit.MILLISECONDS);
    return result != null && result.length == 1 && result[0] == ControlPlaneStateMachine.ACCEPTED[0];
  }

  private InputStream stack(Path logDir) {
    String template;
    try (InputStream in = RaftGroup.class.getResourceAsStream(TEMPLATE)) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String address = federation.site(site.id()).orElseThrow().address();
    String hosts =
        federation.siteIds().stream()
            .map(id -> federation.sites().get(id).address() + "[" + config.port() + "]")
            .collect(Collectors.joining(","));
    String xml =
        template
            .replace("{{address}}", address)
            .replace("{{port}}", Integer.toString(config.port()))
            .replace("{{hosts}}", hosts)
            .replace("{{members}}", String.join(",", federation.siteIds()))
            .replace("{{raftId}}", site.id())
            .replace("{{logDir}}", logDir.toString())
            .replace("{{fdTimeout}}", config.failureDetectionMs() + "ms")
            .replace("{{fdInterval}}", Math.max(100, config.failureDetectionMs() / 5) + "ms");
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }
}
