package org.dataembassy.failover.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dataembassy.failover.config.ControlPlaneConfig;
import org.dataembassy.failover.raft.RaftGroup;
import org.dataembassy.runtime.concurrent.DaemonThreads;
import org.dataembassy.runtime.controlplane.ActiveSiteChanged;
import org.jboss.logging.Logger;

/** Runs the control plane at this site: joins the Raft group, renews the lease, watches the active site. */
@ApplicationScoped
public class ControlLoop {

  private static final Logger LOG = Logger.getLogger(ControlLoop.class);

  @Inject ControlPlaneConfig config;
  @Inject RaftGroup group;
  @Inject LeaseKeeper lease;
  @Inject FailoverCoordinator coordinator;
  @Inject GenerationGuard generations;
  @Inject Event<ActiveSiteChanged> changes;

  /** How long a member tolerates knowing no Raft leader before it starts an election itself. */
  private static final long LEADERLESS_MS = 2_000;

  /** How often a site asks the others whether a forced promotion superseded its generation. */
  private static final long GENERATION_CHECK_MS = 3_000;

  private volatile ScheduledExecutorService timer;
  private volatile ScheduledExecutorService guardTimer;

  void start(@Observes @Priority(10) StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    group.start(generations.membershipToStart());
    group.stateMachine()
        .onChange(
            s -> {
              LOG.infof("EMB-FO-002 epoch %d: active site is %s", s.epoch(), s.activeSite());
              if (timer != null) {
                timer.execute(() -> safely(lease::renewIfActive)); // a new active site renews at once
              }
              changes.fireAsync(new ActiveSiteChanged(s.activeSite(), s.epoch(), s.startSequence()));
            });
    timer =
        DaemonThreads.scheduler("control-plane", 2);
    timer.scheduleWithFixedDelay(
        () -> safely(lease::renewIfActive), 0, config.renewIntervalMs(), TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(
        () -> safely(coordinator::check), config.checkIntervalMs(), config.checkIntervalMs(), TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(
        () -> safely(() -> group.electIfLeaderless(LEADERLESS_MS)), 500, 500, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(
        () -> safely(() -> {
          group.admitRejoinedSites();
          group.recordMembershipChanges();
          group.snapshotAfterFirstCatchUp();
        }),
        1_000, 1_000, TimeUnit.MILLISECONDS);
    // asks the other sites over HTTPS: its own thread, so a site that does not answer never delays a renewal
    guardTimer = DaemonThreads.scheduler("control-plane-generation-guard");
    guardTimer.scheduleWithFixedDelay(
        () -> safely(() -> generations.supersededBy().ifPresent(group::leave)),
        GENERATION_CHECK_MS, GENERATION_CHECK_MS, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer != null) {
      timer.shutdownNow();
    }
    if (guardTimer != null) {
      guardTimer.shutdownNow();
    }
  }

  private static void safely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warnf("EMB-FO-005 control-plane task failed: %s", e.toString());
    }
  }
}
