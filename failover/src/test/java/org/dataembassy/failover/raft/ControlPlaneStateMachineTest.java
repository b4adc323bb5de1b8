package org.dataembassy.failover.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.dataembassy.failover.ControlCommand;
import org.dataembassy.failover.ControlPlaneState;
import org.dataembassy.failover.PromotionKind;
import org.junit.jupiter.api.Test;

class ControlPlaneStateMachineTest {

  private static byte[] apply(ControlPlaneStateMachine machine, ControlCommand command) throws Exception {
    byte[] bytes = ControlPlaneStateMachine.encode(command);
    return machine.apply(bytes, 0, bytes.length, true);
  }

  private static ControlCommand.Promote promote(String site, long fromEpoch, PromotionKind kind) {
    return new ControlCommand.Promote(site, fromEpoch, 10 * fromEpoch, kind, "test", "home", 1_700_000_000_000L);
  }

  @Test
  void shouldRenewOnlyTheActiveSiteOfTheCurrentEpoch() throws Exception {
    ControlPlaneStateMachine machine = new ControlPlaneStateMachine("home", 0);
    machine.goLive();
    assertThat(apply(machine, new ControlCommand.RenewLease("home", 1))).isEqualTo(ControlPlaneStateMachine.ACCEPTED);
    assertThat(apply(machine, new ControlCommand.RenewLease("lux", 1))).isEqualTo(ControlPlaneStateMachine.REFUSED);
    assertThat(apply(machine, new ControlCommand.RenewLease("home", 0))).isEqualTo(ControlPlaneStateMachine.REFUSED);
    assertThat(machine.renewedSinceStart()).isTrue();
  }

  @Test
  void shouldPromoteOnceFromTheEpochItWasDecidedIn() throws Exception {
    ControlPlaneStateMachine machine = new ControlPlaneStateMachine("home", 0);
    List<ControlPlaneState> seen = new ArrayList<>();
    machine.onChange(seen::add);

    assertThat(apply(machine, promote("lux", 1, PromotionKind.FAILOVER))).isEqualTo(ControlPlaneStateMachine.ACCEPTED);
    // a second decision made in the same epoch (another leader's) loses
    assertThat(apply(machine, promote("emb2", 1, PromotionKind.FAILOVER))).isEqualTo(ControlPlaneStateMachine.REFUSED);

    ControlPlaneState state = machine.state();
    assertThat(state.activeSite()).isEqualTo("lux");
    assertThat(state.epoch()).isEqualTo(2);
    assertThat(state.startSequence()).isEqualTo(10);
    assertThat(state.history()).singleElement().satisfies(change -> {
      assertThat(change.kind()).isEqualTo(PromotionKind.FAILOVER);
      assertThat(change.atMillis()).isEqualTo(1_700_000_000_000L);
    });
    assertThat(seen).extracting(ControlPlaneState::epoch).containsExactly(2L);
    // the old active site's renewal is refused from now on
    assertThat(apply(machine, new ControlCommand.RenewLease("home", 1))).isEqualTo(ControlPlaneStateMachine.REFUSED);
  }

  @Test
  void shouldCountPromotionsByKindBeyondTheKeptHistory() throws Exception {
    ControlPlaneStateMachine machine = new ControlPlaneStateMachine("home", 0);
    for (int i = 0; i < ControlPlaneState.HISTORY + 5; i++) {
      long epoch = machine.state().epoch();
      apply(machine, promote(epoch % 2 == 1 ? "lux" : "home", epoch, i == 0 ? PromotionKind.FORCED : PromotionKind.SWITCHOVER));
    }
    ControlPlaneState state = machine.state();
    assertThat(state.history()).hasSize(ControlPlaneState.HISTORY);
    assertThat(state.promotions(PromotionKind.SWITCHOVER)).isEqualTo(ControlPlaneState.HISTORY + 4);
    assertThat(state.promotions(PromotionKind.FORCED)).isEqualTo(1);
    assertThat(state.promotions(PromotionKind.FAILOVER)).isZero();
  }

  @Test
  void shouldRestoreTheSameStateFromASnapshot() throws Exception {
    ControlPlaneStateMachine machine = new ControlPlaneStateMachine("home", 0);
    apply(machine, promote("lux", 1, PromotionKind.SWITCHOVER));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    machine.writeContentTo(new DataOutputStream(bytes));

    ControlPlaneStateMachine restored = new ControlPlaneStateMachine("home", 0);
    restored.readContentFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(restored.state()).isEqualTo(machine.state());
  }

  @Test
  void shouldStartANewLeadersSilenceClockAtItsLastAppendNeverLaterThanNow() {
    ControlPlaneStateMachine machine = new ControlPlaneStateMachine("home", 0);
    long before = machine.lastRenewalNanos();
    long lastAppend = System.nanoTime(); // after the last renewal: the later one counts
    machine.restartSilenceClock(lastAppend, false);
    org.assertj.core.api.Assertions.assertThat(machine.lastRenewalNanos()).isEqualTo(Math.max(before, lastAppend));
    long recorded = machine.lastRenewalNanos();
    machine.restartSilenceClock(before - 1_000_000_000L, false); // an old append: the later renewal stands
    org.assertj.core.api.Assertions.assertThat(machine.lastRenewalNanos()).isEqualTo(recorded);
    machine.restartSilenceClock(System.nanoTime() + 60_000_000_000L, false); // never in the future
    org.assertj.core.api.Assertions.assertThat(machine.lastRenewalNanos()).isLessThanOrEqualTo(System.nanoTime());
  }

  @Test
  void shouldNotCountRenewalsReplayedAtStartAsRenewalsOfThisLifetime() throws Exception {
    ControlPlaneStateMachine machine = new ControlPlaneStateMachine("home", 0);
    apply(machine, new ControlCommand.RenewLease("home", 1)); // replayed from the log
    assertThat(machine.renewedSinceStart()).isFalse();
    machine.goLive();
    apply(machine, new ControlCommand.RenewLease("home", 1));
    assertThat(machine.renewedSinceStart()).isTrue();
  }

  @Test
  void shouldNotCountRenewalsAppliedRightAfterJoiningButThoseThatArriveWhileLeading() throws Exception {
    // entries committed before a restart of the whole federation are applied only after joining
    ControlPlaneStateMachine machine = new ControlPlaneStateMachine("home", 60_000_000_000L);
    machine.goLive();
    apply(machine, new ControlCommand.RenewLease("home", 1));
    assertThat(machine.renewedSinceStart()).isFalse();
    // a renewal reaching this member while it leads was sent now
    machine.restartSilenceClock(System.nanoTime(), true);
    byte[] renewal = bytes(new ControlCommand.RenewLease("home", 1));
    machine.renewalArrived(renewal, 0, renewal.length);
    assertThat(machine.renewedSinceStart()).isTrue();
  }

  private static byte[] bytes(ControlCommand command) {
    return ControlPlaneStateMachine.encode(command);
  }

  @Test
  void shouldCountALeadersSilenceFromTheRenewalsArrivalNotItsCommit() throws Exception {
    ControlPlaneStateMachine machine = new ControlPlaneStateMachine("home", 0);
    machine.goLive();
    machine.restartSilenceClock(System.nanoTime() - 5_000_000_000L, false); // leads from now on
    long beforeArrival = System.nanoTime();
    byte[] renewal = bytes(new ControlCommand.RenewLease("home", 1));
    machine.renewalArrived(renewal, 0, renewal.length);
    long arrived = machine.lastRenewalNanos();
    assertThat(arrived).isGreaterThanOrEqualTo(beforeArrival);
    Thread.sleep(5);
    apply(machine, new ControlCommand.RenewLease("home", 1)); // committed later: counts from the arrival
    assertThat(machine.lastRenewalNanos()).isEqualTo(arrived);
    assertThat(machine.renewedSinceStart()).isTrue();
  }

  @Test
  void shouldIgnoreArrivalsThatRenewNothing() throws Exception {
    ControlPlaneStateMachine machine = new ControlPlaneStateMachine("home", 0);
    machine.restartSilenceClock(System.nanoTime() - 5_000_000_000L, false);
    long clock = machine.lastRenewalNanos();
    for (byte[] other : List.of(
        bytes(new ControlCommand.RenewLease("lux", 1)), // not the active site
        bytes(new ControlCommand.RenewLease("home", 0)), // another epoch
        bytes(promote("lux", 1, PromotionKind.FAILOVER)),
        new byte[] {1, 2, 3})) {
      machine.renewalArrived(other, 0, other.length);
    }
    assertThat(machine.lastRenewalNanos()).isEqualTo(clock);
  }

  @Test
  void shouldCountAFollowersSilenceFromTheCommitsItApplies() throws Exception {
    ControlPlaneStateMachine machine = new ControlPlaneStateMachine("home", 0);
    machine.restartSilenceClock(System.nanoTime(), false);
    machine.stoppedLeading();
    long before = System.nanoTime();
    apply(machine, new ControlCommand.RenewLease("home", 1));
    assertThat(machine.lastRenewalNanos()).isGreaterThanOrEqualTo(before);
  }

  @Test
  void shouldGiveAnActiveSiteStillInTheViewAFullLeaseFromTheElection() {
    ControlPlaneStateMachine machine = new ControlPlaneStateMachine("home", 0);
    long lastAppend = System.nanoTime() - 5_000_000_000L; // the lost leader's last entry, long ago
    long before = System.nanoTime();
    machine.restartSilenceClock(lastAppend, true); // home renewed through the leader that died
    assertThat(machine.lastRenewalNanos()).isGreaterThanOrEqualTo(before);
  }
}
