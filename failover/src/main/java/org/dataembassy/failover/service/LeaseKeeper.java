package org.dataembassy.failover.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.dataembassy.failover.ControlCommand;
import org.dataembassy.failover.ControlPlaneState;
import org.dataembassy.failover.config.ControlPlaneConfig;
import org.dataembassy.failover.raft.RaftGroup;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.journal.JournalApplier;
import org.jboss.logging.Logger;

/**
 * Keeps this site's lease while the Raft group names it active: renews it every {@code
 * renew-interval-ms} through Raft. The lease lasts {@code lease-ms} from the moment the last
 * <em>committed</em> renewal was sent, so a site cut off from the majority stops accepting writes
 * before anyone may be promoted. A site whose journal applier has stopped does not renew.
 */
@ApplicationScoped
public class LeaseKeeper {

  private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);

  @Inject RaftGroup group;
  @Inject ControlPlaneConfig config;
  @Inject SiteConfig site;
  @Inject JournalApplier applier;

  private volatile long validUntilNanos;
  private volatile boolean held;

  public boolean valid() {
    return System.nanoTime() - validUntilNanos < 0;
  }

  public long remainingMillis() {
    long left = validUntilNanos - System.nanoTime();
    return left > 0 ? TimeUnit.NANOSECONDS.toMillis(left) : 0;
  }

  /** One renewal attempt, if this site is the active one. Called on the control-plane thread. */
  void renewIfActive() {
    ControlPlaneState state = group.stateMachine().state();
    if (!site.id().equals(state.activeSite())) {
      lost("not the active site");
      return;
    }
    if (applier.haltReason().isPresent()) {
      notRenewed(state.epoch(), "not sent: the journal applier has halted");
      lost("journal applier halted");
      return;
    }
    long sent = System.nanoTime();
    try {
      // A renewal sent to a leader that just died is lost: give up on it soon and send the next,
      // so a new leader is found well within the lease.
      if (group.commit(
          new ControlCommand.RenewLease(site.id(), state.epoch()), config.renewIntervalMs() * 2)) {
        validUntilNanos = sent + TimeUnit.MILLISECONDS.toNanos(config.leaseMs());
        if (!held) {
          held = true;
          LOG.infof("EMB-FO-020 site %s holds the lease for epoch %d", site.id(), state.epoch());
        }
      } else {
        notRenewed(state.epoch(), "refused by the state machine");
        lost("renewal refused");
      }
    } catch (Exception e) {
      notRenewed(state.epoch(), e.getClass().getSimpleName() + " (Raft leader " + group.leader().orElse("unknown") + ")");
      if (held && !valid()) {
        lost("renewal not committed: " + e.getClass().getSimpleName());
      }
    }
  }

  private volatile long lastNotRenewedLogNanos;

  /** Why renewals fail, at most every 5 s: a site that cannot get or keep its lease says why. */
  private void notRenewed(long epoch, String why) {
    long now = System.nanoTime();
    if (now - lastNotRenewedLogNanos > TimeUnit.SECONDS.toNanos(5)) {
      lastNotRenewedLogNanos = now;
      LOG.infof("EMB-FO-022 site %s: a lease renewal for epoch %d was not committed: %s", site.id(), epoch, why);
    }
  }

  private void lost(String why) {
    if (held) {
      held = false;
      validUntilNanos = System.nanoTime();
      LOG.warnf("EMB-FO-021 site %s lost its lease (%s): it accepts no writes", site.id(), why);
    }
  }
}
