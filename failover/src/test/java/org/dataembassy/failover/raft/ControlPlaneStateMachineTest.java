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
import org.dataembassy.failover.agreement.VotingSites;
import org.junit.jupiter.api.Test;

class ControlPlaneStateMachineTest {

  private static byte[] apply(ControlPlaneStateMachine machine, ControlCommand command) throws Exception {
    byte[] bytes = ControlPlaneStateMachine.encode(command);
    return machine.apply(bytes, 0, bytes.length, true);
  }

  private static final VotingSites SITES = new VotingSites();
  /** The Raft group's members, as the state machine sees them when it applies a command. */
  private List<String> members = VotingSites.SITES;
  private int generation = 0;

  private ControlPlaneStateMachine machine(long settleNanos) {
    return new ControlPlaneStateMachine("home", settleNanos, SITES.agreement(), () -> new RaftMembership(generation, members));
  }

  /** A promotion from the machine's current epoch, with the votes it needs (none for a forced one). */
  private static ControlCommand.Promote promote(ControlPlaneStateMachine machine, String site, PromotionKind kind) {
    ControlPlaneState state = machine.state();
    long from = state.epoch();
    String active = state.activeSite();
    String other = VotingSites.SITES.stream().filter(s -> !s.equals(site) && !s.equals(active)).findFirst().orElseThrow();
    return switch (kind) {
      case FAILOVER -> SITES.promote(site, from, active, kind, 10 * from, site, other);
      case SWITCHOVER -> SITES.promote(site, from, active, kind, 10 * from, active, site);
      case RESUME -> SITES.promote(site, from, active, kind, 10 * from, site);
      case FORCED -> new ControlCommand.Promote(site, from, 10 * from, kind, "test", "operator", 1_700_000_000_000L, List.of(),
          SITES.order(site, 1, org.dataembassy.runtime.security.OperatorRole.OPERATOR));
    };
  }

  @Test
  void shouldRenewOnlyTheActiveSiteOfTheCurrentEpoch() throws Exception {
    ControlPlaneStateMachine machine = machine(0);
    machine.goLive();
    assertThat(apply(machine, new ControlCommand.RenewLease("home", 1))).isEqualTo(ControlPlaneStateMachine.ACCEPTED);
    assertThat(apply(machine, new ControlCommand.RenewLease("lux", 1))).isEqualTo(ControlPlaneStateMachine.REFUSED);
    assertThat(apply(machine, new ControlCommand.RenewLease("home", 0))).isEqualTo(ControlPlaneStateMachine.REFUSED);
    assertThat(machine.renewedSinceStart()).isTrue();
  }

  @Test
  void shouldPromoteOnceFromTheEpochItWasDecidedIn() throws Exception {
    ControlPlaneStateMachine machine = machine(0);
    List<ControlPlaneState> seen = new ArrayList<>();
    machine.onChange(seen::add);

    ControlCommand.Promote first = promote(machine, "lux", PromotionKind.FAILOVER);
    ControlCommand.Promote second = promote(machine, "emb2", PromotionKind.FAILOVER);
    assertThat(apply(machine, first)).isEqualTo(ControlPlaneStateMachine.ACCEPTED);
    // a second decision made in the same epoch (another leader's) loses
    assertThat(apply(machine, second)).isEqualTo(ControlPlaneStateMachine.REFUSED);

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
    ControlPlaneStateMachine machine = machine(0);
    for (int i = 0; i < ControlPlaneState.HISTORY + 5; i++) {
      long epoch = machine.state().epoch();
      String site = epoch % 2 == 1 ? "lux" : "home";
      members = i == 0 ? List.of(site) : VotingSites.SITES; // forced in a generation of its own
      generation = 1;
      assertThat(apply(machine, promote(machine, site, i == 0 ? PromotionKind.FORCED : PromotionKind.SWITCHOVER)))
          .isEqualTo(ControlPlaneStateMachine.ACCEPTED);
    }
    ControlPlaneState state = machine.state();
    assertThat(state.history()).hasSize(ControlPlaneState.HISTORY);
    assertThat(state.promotions(PromotionKind.SWITCHOVER)).isEqualTo(ControlPlaneState.HISTORY + 4);
    assertThat(state.promotions(PromotionKind.FORCED)).isEqualTo(1);
    assertThat(state.promotions(PromotionKind.FAILOVER)).isZero();
  }

  @Test
  void shouldRestoreTheSameStateFromASnapshot() throws Exception {
    ControlPlaneStateMachine machine = machine(0);
    apply(machine, promote(machine, "lux", PromotionKind.SWITCHOVER));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    machine.writeContentTo(new DataOutputStream(bytes));

    ControlPlaneStateMachine restored = machine(0);
    assertThat(machine.state().epoch()).isEqualTo(2);
    restored.readContentFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(restored.state()).isEqualTo(machine.state());
  }

  @Test
  void shouldStartANewLeadersSilenceClockAtItsLastAppendNeverLaterThanNow() {
    ControlPlaneStateMachine machine = machine(0);
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
    ControlPlaneStateMachine machine = machine(0);
    apply(machine, new ControlCommand.RenewLease("home", 1)); // replayed from the log
    assertThat(machine.renewedSinceStart()).isFalse();
    machine.goLive();
    apply(machine, new ControlCommand.RenewLease("home", 1));
    assertThat(machine.renewedSinceStart()).isTrue();
  }

  @Test
  void shouldNotCountRenewalsAppliedRightAfterJoiningButThoseThatArriveWhileLeading() throws Exception {
    // entries committed before a restart of the whole federation are applied only after joining
    ControlPlaneStateMachine machine = machine(60_000_000_000L);
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
    ControlPlaneStateMachine machine = machine(0);
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
    ControlPlaneStateMachine machine = machine(0);
    machine.restartSilenceClock(System.nanoTime() - 5_000_000_000L, false);
    long clock = machine.lastRenewalNanos();
    for (byte[] other : List.of(
        bytes(new ControlCommand.RenewLease("lux", 1)), // not the active site
        bytes(new ControlCommand.RenewLease("home", 0)), // another epoch
        bytes(promote(machine, "lux", PromotionKind.FAILOVER)),
        new byte[] {1, 2, 3})) {
      machine.renewalArrived(other, 0, other.length);
    }
    assertThat(machine.lastRenewalNanos()).isEqualTo(clock);
  }

  @Test
  void shouldCountAFollowersSilenceFromTheCommitsItApplies() throws Exception {
    ControlPlaneStateMachine machine = machine(0);
    machine.restartSilenceClock(System.nanoTime(), false);
    machine.stoppedLeading();
    long before = System.nanoTime();
    apply(machine, new ControlCommand.RenewLease("home", 1));
    assertThat(machine.lastRenewalNanos()).isGreaterThanOrEqualTo(before);
  }

  @Test
  void shouldGiveAnActiveSiteStillInTheViewAFullLeaseFromTheElection() {
    ControlPlaneStateMachine machine = machine(0);
    long lastAppend = System.nanoTime() - 5_000_000_000L; // the lost leader's last entry, long ago
    long before = System.nanoTime();
    machine.restartSilenceClock(lastAppend, true); // home renewed through the leader that died
    assertThat(machine.lastRenewalNanos()).isGreaterThanOrEqualTo(before);
  }

  @Test
  void shouldRefuseAPromotionCommittedWithoutTheSitesAgreement() throws Exception {
    ControlPlaneStateMachine machine = machine(0);
    long before = machine.refusedPromotions();
    // what a Raft leader at lux could commit: its own promotion, its own vote only
    ControlCommand.Promote alone = SITES.promote("lux", 1, "home", PromotionKind.FAILOVER, 10, "lux");
    assertThat(apply(machine, alone)).isEqualTo(ControlPlaneStateMachine.REFUSED);
    assertThat(machine.state().activeSite()).isEqualTo("home");
    assertThat(machine.refusedPromotions()).isEqualTo(before + 1);
  }

  @Test
  void shouldRefuseAForcedPromotionInAGenerationOfSeveralSites() throws Exception {
    ControlPlaneStateMachine machine = machine(0);
    generation = 1;
    assertThat(apply(machine, promote(machine, "lux", PromotionKind.FORCED))).isEqualTo(ControlPlaneStateMachine.REFUSED);
    members = List.of("emb2");
    assertThat(apply(machine, promote(machine, "lux", PromotionKind.FORCED))).isEqualTo(ControlPlaneStateMachine.REFUSED);
    members = List.of("lux");
    generation = 2; // an order for generation 1 is no good in generation 2
    assertThat(apply(machine, promote(machine, "lux", PromotionKind.FORCED))).isEqualTo(ControlPlaneStateMachine.REFUSED);
    generation = 1;
    assertThat(apply(machine, promote(machine, "lux", PromotionKind.FORCED))).isEqualTo(ControlPlaneStateMachine.ACCEPTED);
  }

  @Test
  void shouldRefuseASnapshotWhoseLatestChangeLacksTheAgreement() throws Exception {
    ControlPlaneState forged =
        new ControlPlaneState(
            "lux", 2, 10,
            List.of(new ControlPlaneState.Change(2, "lux", 10, PromotionKind.FAILOVER, "t", "lux", 0, "home",
                List.of(SITES.vote("lux", PromotionKind.FAILOVER, 1, "home", "lux", 10)), null)),
            java.util.Map.of());
    ControlPlaneStateMachine follower = machine(0);
    assertThat(follower.snapshotRefusal(forged)).hasValueSatisfying(why -> assertThat(why).contains("1 of 3"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    byte[] json = org.dataembassy.runtime.journal.JournalCodec.json().writeValueAsBytes(forged);
    out.writeInt(json.length);
    out.write(json);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> follower.readContentFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
        .hasMessageContaining("EMB-FO-051");
    assertThat(follower.state().activeSite()).isEqualTo("home");
    // nor a state of an earlier epoch than this site's, nor another first active site
    ControlPlaneStateMachine ahead = machine(0);
    apply(ahead, promote(ahead, "lux", PromotionKind.FAILOVER));
    assertThat(ahead.snapshotRefusal(ControlPlaneState.initial("home"))).isPresent();
    // ...except this site's own, older snapshot while it reloads its own log (a forced promotion
    // restarts the group over the same log, with the state in memory)
    ahead.beginReplay();
    assertThat(ahead.snapshotRefusal(ControlPlaneState.initial("home"))).isEmpty();
    ahead.goLive();
    assertThat(ahead.snapshotRefusal(ControlPlaneState.initial("home"))).isPresent();
    assertThat(follower.snapshotRefusal(ControlPlaneState.initial("lux"))).isPresent();
    assertThat(follower.snapshotRefusal(ahead.state())).isEmpty();
  }
}
