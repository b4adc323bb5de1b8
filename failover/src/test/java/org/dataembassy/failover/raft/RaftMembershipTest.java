package org.dataembassy.failover.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaftMembershipTest {

  @TempDir Path raftDir;

  @Test
  void shouldBeTheConfiguredFederationInGenerationZeroWhenNothingWasRecorded() {
    RaftMembership m = RaftMembership.load(raftDir, List.of("home", "lux", "emb2"));

    assertThat(m.generation()).isZero();
    assertThat(m.members()).containsExactly("home", "lux", "emb2");
    assertThat(m.clusterName()).isEqualTo("embassy-control");
    assertThat(m.majority()).isEqualTo(2);
  }

  @Test
  void shouldStartANewGenerationUnderItsOwnClusterWithTheSurvivorAlone() {
    RaftMembership forced = new RaftMembership(0, List.of("home", "lux", "emb2")).forcedTo(List.of("home"));

    assertThat(forced.generation()).isEqualTo(1);
    assertThat(forced.members()).containsExactly("home");
    assertThat(forced.majority()).isEqualTo(1);
    assertThat(forced.clusterName()).isEqualTo("embassy-control-g1").isNotEqualTo("embassy-control");
  }

  @Test
  void shouldSurviveARestart() {
    new RaftMembership(3, List.of("home", "lux")).save(raftDir);

    RaftMembership loaded = RaftMembership.load(raftDir, List.of("home", "lux", "emb2"));

    assertThat(loaded).isEqualTo(new RaftMembership(3, List.of("home", "lux")));
    assertThat(loaded.majority()).isEqualTo(2);
  }

  @Test
  void shouldRefuseAMembershipWithoutMembers() {
    assertThatThrownBy(() -> new RaftMembership(1, List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
