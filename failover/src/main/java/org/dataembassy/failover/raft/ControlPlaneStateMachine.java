package org.dataembassy.failover.raft;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInput;
import java.io.DataOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.dataembassy.failover.ControlCommand;
import org.dataembassy.failover.ControlCommand.Promote;
import org.dataembassy.failover.ControlCommand.RenewLease;
import org.dataembassy.failover.ControlPlaneState;
import org.dataembassy.failover.PromotionKind;
import org.dataembassy.failover.agreement.PromotionAgreement;
import org.dataembassy.runtime.journal.JournalCodec;
import org.jboss.logging.Logger;
import org.jgroups.raft.StateMachine;

/**
 * Applies committed control-plane commands, identically at every site. A promotion is taken only
 * with the sites' signed agreement ({@link PromotionAgreement}), checked here, at every site, when
 * it is applied — being committed by the Raft group is not enough (EMB-FO-050). Besides the replicated
 * state it notes, locally, when it last applied a lease renewal (a monotonic time): the Raft
 * leader's failover decision measures the active site's silence on its own clock.
 */
public final class ControlPlaneStateMachine implements StateMachine {

  private static final Logger LOG = Logger.getLogger(ControlPlaneStateMachine.class);
  static final byte[] ACCEPTED = {1};
  static final byte[] REFUSED = {0};
  private static final ObjectMapper JSON = JournalCodec.json();

  private final String initialActive;
  private volatile ControlPlaneState state;
  private volatile long lastRenewalNanos = System.nanoTime();
  /** While this member leads the Raft group, renewals count from their arrival (see {@link #renewalArrived}). */
  private volatile boolean leading;
  private volatile boolean renewedSinceStart;
  /** False while the Raft log is replayed at start: what is applied then happened before. */
  private volatile boolean live;
  /**
   * While this site (re)joins its group and reloads its own Raft log: its own snapshot may be of an
   * earlier epoch than the state in memory (a forced promotion restarts the group over the same
   * log), and the log's entries bring it forward again.
   */
  private volatile boolean replaying;
  private volatile long liveSinceNanos;
  /**
   * How long after joining the group applied entries may still be old ones: entries every member
   * held at a restart of the whole federation whose commit becomes known only now (CI-42: a
   * renewal of home's previous run, applied 1 s after emb2 joined, ended the cold-start grace and
   * emb2 promoted lux while home was still starting).
   */
  static final long SETTLE_NANOS = 3_000_000_000L;
  private final long settleNanos;
  private final PromotionAgreement agreement;
  private final Supplier<RaftMembership> generation;
  private final AtomicLong refusedPromotions = new AtomicLong();
  private final List<Consumer<ControlPlaneState>> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param agreement what a promotion needs to be taken (the sites' signed votes)
   * @param generation the control-plane generation this site runs: a forced promotion is taken only
   *     in a generation its site runs alone, by an operator's order for that generation
   */
  public ControlPlaneStateMachine(String initialActive, PromotionAgreement agreement, Supplier<RaftMembership> generation) {
    this(initialActive, SETTLE_NANOS, agreement, generation);
  }

  ControlPlaneStateMachine(
      String initialActive, long settleNanos, PromotionAgreement agreement, Supplier<RaftMembership> generation) {
    this.initialActive = initialActive;
    this.state = ControlPlaneState.initial(initialActive);
    this.settleNanos = settleNanos;
    this.agreement = agreement;
    this.generation = generation;
  }

  /** Promotions refused since start: committed by the Raft group, but without the sites' agreement. */
  public long refusedPromotions() {
    return refusedPromotions.get();
  }

  public ControlPlaneState state() {
    return state;
  }

  /**
   * Monotonic time from which the active site's silence counts: as Raft leader, when the latest
   * renewal of the current active site reached this member (committed or still in flight); as a
   * follower, when it last applied one; and at least since this member's leadership began.
   */
  public long lastRenewalNanos() {
    return lastRenewalNanos;
  }

  /**
   * Restarts the silence clock of a site that just became Raft leader: if the active site is not
   * in its view (it was lost, often with the old leader: one process), from the moment it last took
   * entries into its log as a follower ({@code lastAppendNanos}), or its last applied renewal if
   * later; if it is, from now. Safe: as the new leader it holds every committed renewal (Raft's election restriction),
   * and took each in after the active site sent it, so the active site's lease ends at most {@code
   * lease-ms} after this (plus the margin for clock rates). Starting from the election instead, as
   * before, added the failure detection and election time to every promotion after the loss of a
   * site that led both the Raft group and the federation (≈ 1.8–2.3 s instead of ≈ 0.9 s).
   */
  public void restartSilenceClock(long lastAppendNanos, boolean activeSiteConnected) {
    long now = System.nanoTime();
    long since = Math.max(lastRenewalNanos, lastAppendNanos);
    // An active site still in the view was renewing through the lost leader: its renewals find
    // this one only now. Counting from the last append would promote a healthy active site
    // whenever the embassy leading the Raft group dies (F0500 in CI did): count from now.
    lastRenewalNanos = activeSiteConnected || since - now > 0 ? now : since;
    leading = true;
  }

  /** This member no longer leads the Raft group: applied renewals count again. */
  public void stoppedLeading() {
    leading = false;
    lastRenewalNanos = System.nanoTime(); // cautious: from now
  }

  /**
   * The leader is about to append {@code command}: if it renews the current active site's lease,
   * silence counts from now. Every renewal committed during this leadership was appended by this
   * leader, so passed here after the active site sent it — its lease ends at most {@code lease-ms}
   * after this — and renewals appended in earlier terms are covered by {@link
   * #restartSilenceClock}. Counting from the commit instead, as before, added the commit's delay
   * to every promotion (a renewal committed only through a just-restarted third site: up to 1.4 s,
   * docs/benchmarks.md, issue 4); and a renewal still in flight now counts too, where before a
   * promotion could be decided behind it.
   */
  public void renewalArrived(byte[] data, int offset, int length) {
    try {
      ControlCommand command = JSON.readValue(data, offset, length, ControlCommand.class);
      ControlPlaneState current = state;
      if (command instanceof RenewLease renew
          && renew.site().equals(current.activeSite())
          && renew.epoch() == current.epoch()) {
        lastRenewalNanos = System.nanoTime();
        renewedSinceStart = renewedSinceStart || live; // sent now: it reached the leader now
      }
    } catch (Exception e) {
      // not a command of ours: the state machine refuses it when it is applied
    }
  }

  /** Called after every change of active site (on the thread that applies Raft entries). */
  public void onChange(Consumer<ControlPlaneState> listener) {
    listeners.add(listener);
  }

  public static byte[] encode(ControlCommand command) {
    try {
      return JSON.writeValueAsBytes(command);
    } catch (Exception e) {
      throw new IllegalStateException("cannot encode control command", e);
    }
  }

  @Override
  public byte[] apply(byte[] data, int offset, int length, boolean serializeResponse)
      throws Exception {
    ControlCommand command = JSON.readValue(data, offset, length, ControlCommand.class);
    if (command instanceof RenewLease renew) {
      return renew(renew);
    }
    if (command instanceof Promote promote) {
      return promote(promote);
    }
    return REFUSED;
  }

  private byte[] renew(RenewLease renew) {
    if (!renew.site().equals(state.activeSite()) || renew.epoch() != state.epoch()) {
      return REFUSED;
    }
    if (!leading) {
      lastRenewalNanos = System.nanoTime(); // a follower counts from the commit it applies
    }
    renewedSinceStart = renewedSinceStart || settled();
    return ACCEPTED;
  }

  /**
   * Called once this member has joined its Raft group, after the log was replayed into this state
   * machine: from now on, applied renewals are renewals of this process's lifetime. (A replayed
   * renewal counted as one made a site restarted with the whole federation promote another site
   * 0.9 s later, while the active site itself was still starting.)
   */
  public void beginReplay() {
    replaying = true;
  }

  public void goLive() {
    replaying = false;
    liveSinceNanos = System.nanoTime();
    live = true;
  }

  /** Applied entries are of this process's lifetime: live, and past the first moments. */
  private boolean settled() {
    return live && System.nanoTime() - liveSinceNanos >= settleNanos;
  }

  /**
   * False until this member has seen a lease renewal or a promotion: at the federation's cold
   * start the initial active site may need longer than one lease to come up.
   */
  public boolean renewedSinceStart() {
    return renewedSinceStart;
  }

  private byte[] promote(Promote promote) {
    ControlPlaneState current = state;
    if (promote.fromEpoch() != current.epoch()) {
      return REFUSED;
    }
    Optional<String> refusal = refusal(promote, current.activeSite());
    if (refusal.isPresent()) {
      refusedPromotions.incrementAndGet();
      LOG.errorf(
          "EMB-FO-050 promotion of %s (%s, from epoch %d, decided by %s) refused: %s",
          promote.site(), promote.kind(), promote.fromEpoch(), promote.decidedBy(), refusal.get());
      return REFUSED;
    }
    List<ControlPlaneState.Change> history = new ArrayList<>(current.history());
    long epoch = current.epoch() + 1;
    history.add(
        new ControlPlaneState.Change(
            epoch,
            promote.site(),
            promote.startSequence(),
            promote.kind(),
            promote.reason(),
            promote.decidedBy(),
            promote.atMillis(),
            current.activeSite(),
            promote.votes(),
            promote.order()));
    if (history.size() > ControlPlaneState.HISTORY) {
      history.remove(0);
    }
    Map<PromotionKind, Long> promotions = new EnumMap<>(PromotionKind.class);
    promotions.putAll(current.promotions());
    promotions.merge(promote.kind() == null ? PromotionKind.FAILOVER : promote.kind(), 1L, Long::sum);
    state = new ControlPlaneState(promote.site(), epoch, promote.startSequence(), history, promotions);
    lastRenewalNanos = System.nanoTime(); // the new active site's lease starts now
    renewedSinceStart = renewedSinceStart || settled();
    listeners.forEach(l -> l.accept(state));
    return ACCEPTED;
  }

  private Optional<String> refusal(Promote promote, String active) {
    if (promote.kind() == PromotionKind.FORCED) {
      RaftMembership running = generation.get();
      List<String> members = running == null ? List.of() : running.members();
      if (members.size() != 1 || !members.get(0).equals(promote.site())) {
        return Optional.of("a forced promotion is taken only in a generation its site runs alone (members " + members + ")");
      }
      if (promote.order() != null && promote.order().generation() != running.generation()) {
        return Optional.of("the operator ordered generation " + promote.order().generation() + ", this is " + running.generation());
      }
    }
    return agreement.refusal(promote, active);
  }

  /**
   * Why a snapshot may not replace this state: it goes back in epochs, or its latest change of
   * active site lacks the sites' agreement. (A Raft leader sends snapshots to members that are
   * behind: without this check, one site leading the group could hand the others any state.)
   */
  Optional<String> snapshotRefusal(ControlPlaneState offered) {
    if (offered.epoch() < state.epoch() && !replaying) {
      return Optional.of("it is of epoch " + offered.epoch() + ", behind this site's " + state.epoch());
    }
    if (offered.epoch() == 1) {
      return offered.activeSite() != null && offered.activeSite().equals(initialActive)
          ? Optional.empty()
          : Optional.of("it names " + offered.activeSite() + " active in the first epoch");
    }
    if (offered.history().isEmpty()) {
      return Optional.of("it holds no change of active site for epoch " + offered.epoch());
    }
    ControlPlaneState.Change last = offered.history().get(offered.history().size() - 1);
    if (last.epoch() != offered.epoch() || !last.site().equals(offered.activeSite())) {
      return Optional.of("its latest change is not the one to its epoch and active site");
    }
    Promote change =
        new Promote(
            last.site(), last.epoch() - 1, last.startSequence(), last.kind(), last.reason(), last.decidedBy(),
            last.atMillis(), last.votes(), last.order());
    return agreement.refusal(change, last.fromActive());
  }

  @Override
  public void readContentFrom(DataInput in) throws Exception {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    ControlPlaneState offered = JSON.readValue(bytes, ControlPlaneState.class);
    Optional<String> refusal = snapshotRefusal(offered);
    if (refusal.isPresent()) {
      refusedPromotions.incrementAndGet();
      LOG.errorf("EMB-FO-051 control-plane snapshot refused: %s", refusal.get());
      throw new IllegalStateException("EMB-FO-051 control-plane snapshot refused: " + refusal.get());
    }
    state = offered;
    lastRenewalNanos = System.nanoTime();
    listeners.forEach(l -> l.accept(state));
  }

  @Override
  public void writeContentTo(DataOutput out) throws Exception {
    byte[] bytes = JSON.writeValueAsString(state).getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }
}
