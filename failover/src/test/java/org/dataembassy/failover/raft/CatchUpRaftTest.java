package org.dataembassy.failover.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInput;
import java.io.DataOutput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jgroups.protocols.raft.InMemoryLog;
import org.jgroups.protocols.raft.LogEntries;
import org.jgroups.protocols.raft.LogEntry;
import org.jgroups.raft.StateMachine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A follower's commits: only entries it holds as the current leader sent them. */
class CatchUpRaftTest {

  private final List<String> applied = new CopyOnWriteArrayList<>();
  private CatchUpRaft raft;

  @BeforeEach
  void setUp() throws Exception {
    raft = new CatchUpRaft();
    InMemoryLog log = new InMemoryLog();
    log.init("catch-up-raft-test-" + UUID.randomUUID(), Map.of());
    raft.log(log);
    raft.stateMachine(
        new StateMachine() {
          @Override
          public byte[] apply(byte[] data, int offset, int length, boolean serializeResponse) {
            applied.add(new String(data, offset, length, StandardCharsets.UTF_8));
            return null;
          }

          @Override
          public void readContentFrom(DataInput in) {}

          @Override
          public void writeContentTo(DataOutput out) {}
        });
    raft.currentTerm(1);
  }

  private static LogEntries entries(long term, String... commands) {
    LogEntries entries = new LogEntries();
    for (String command : commands) {
      entries.add(new LogEntry(term, command.getBytes(StandardCharsets.UTF_8)));
    }
    return entries;
  }

  @Test
  void shouldCommitWhatTheLeaderOfTheTermSentUpToItsCommitIndex() {
    raft.append(1, entries(1, "a", "b", "c"));
    raft.commitLogTo(2, false);
    assertThat(raft.commitIndex()).isEqualTo(2);
    assertThat(applied).containsExactly("a", "b");
    raft.commitLogTo(5, false); // a commit index beyond what it holds: up to its last entry
    assertThat(raft.commitIndex()).isEqualTo(3);
    assertThat(applied).containsExactly("a", "b", "c");
  }

  @Test
  void shouldNotCommitEntriesOfAnEarlierTermOnACommitMessageOfANewLeader() {
    // entries 1-2 committed in term 1; entry 3 appended in term 1 (a renewal of the old leader,
    // cut off before it was replicated), never committed
    raft.append(1, entries(1, "a", "b"));
    raft.commitLogTo(2, false);
    raft.append(3, entries(1, "stale"));
    // term 2: the new leader, whose log holds another entry 3, says 3 is committed (a commit
    // message without entries: jgroups-raft checks nothing then)
    raft.currentTerm(2);
    raft.commitLogTo(3, false);
    assertThat(raft.commitIndex()).isEqualTo(2);
    assertThat(applied).containsExactly("a", "b");
  }
}
