package org.dataembassy.failover.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.dataembassy.failover.ControlCommand;
import org.dataembassy.failover.ControlPlaneState;
import org.dataembassy.failover.PromotionKind;
import org.dataembassy.failover.agreement.PromotionVoter;
import org.dataembassy.failover.agreement.VoteRequest;
import org.dataembassy.failover.config.ControlPlaneConfig;
import org.dataembassy.failover.raft.RaftGroup;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.controlplane.SiteRole;

/**
 * The control plane as the sites' Raft group sees it. This site is ACTIVE only while the group
 * names it active <em>and</em> it holds a valid lease; named but without a lease it is FENCED.
 */
@ApplicationScoped
@Typed(RaftControlPlane.class)
public class RaftControlPlane implements ControlPlane {

  @Inject RaftGroup group;
  @Inject LeaseKeeper lease;
  @Inject SiteConfig site;
  @Inject FederationConfig federation;
  @Inject ControlPlaneConfig config;
  @Inject PromotionVoter voter;

  public ControlPlaneState state() {
    return group.stateMachine().state();
  }

  @Override
  public Optional<String> activeSite() {
    return Optional.ofNullable(state().activeSite());
  }

  @Override
  public long epoch() {
    return state().epoch();
  }

  @Override
  public Optional<String> activeSiteOf(long epoch) {
    return state().activeSiteOf(epoch, federation.initialActive());
  }

  @Override
  public long epochStartSequence() {
    return state().startSequence();
  }

  @Override
  public boolean current() {
    return group.current();
  }

  @Override
  public boolean beginNewEpoch(long startSequence, String reason) {
    ControlPlaneState before = state();
    if (!site.id().equals(before.activeSite())) {
      return false;
    }
    PromotionVoter.Ballot own =
        voter.ownVote(new VoteRequest(PromotionKind.RESUME, before.epoch(), site.id(), startSequence));
    if (own.vote() == null) {
      return false;
    }
    try {
      boolean committed =
          group.commit(
              new ControlCommand.Promote(
                  site.id(),
                  before.epoch(),
                  startSequence,
                  PromotionKind.RESUME,
                  reason,
                  site.id(),
                  System.currentTimeMillis(),
                  java.util.List.of(own.vote())),
              config.leaseMs());
      if (!committed) {
        return false;
      }
    } catch (Exception e) {
      return false;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.leaseMs());
    while (state().epoch() <= before.epoch() && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    return state().epoch() > before.epoch();
  }

  @Override
  public Optional<Set<String>> connectedSites() {
    return Optional.of(Set.copyOf(group.members()));
  }

  @Override
  public long leaseRemainingMillis() {
    return lease.remainingMillis();
  }

  @Override
  public SiteRole roleOf(String siteId) {
    boolean named = siteId.equals(state().activeSite());
    if (!siteId.equals(site.id())) {
      return named ? SiteRole.ACTIVE : SiteRole.STANDBY;
    }
    if (named) {
      return lease.valid() ? SiteRole.ACTIVE : SiteRole.FENCED;
    }
    return SiteRole.STANDBY;
  }
}
