package org.dataembassy.failover.raft;

import java.util.concurrent.TimeUnit;
import org.jgroups.View;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.raft.RAFT;
import org.jgroups.raft.util.CommitTable;

/**
 * jgroups-raft 1.1.3's RAFT, whose leader also brings lagging members up to date while it is busy.
 *
 * <p>In 1.1.3 the leader resends missing entries only when its work queue has been idle for a whole
 * {@code resend_interval}, and then one entry at a time for a member that answered "entry not
 * found". With lease renewals every 250 ms the queue is rarely idle that long, so a restarted
 * member received the entries it missed after 40 s to minutes, or never (docs/raft-notes.md).
 * Here, on RAFT's own runner thread (no locking against its log), at least every {@code
 * resend_interval} the leader sends each member that lacks entries or the latest commit index
 * everything from its next index on — what RAFT itself does after a successful append.
 *
 * <p>Depends on protected internals of jgroups-raft 1.1.3 ({@code commit_table}, {@code
 * last_appended}, {@code commit_index}, {@code sendAppendEntriesMessage}): pinned by the version in
 * the parent POM and exercised by the kill/restart tests (F0100, F0400) and bench/failover-rto.sh.
 */
public class CatchUpRaft extends RAFT {

  static {
    ClassConfigurator.addProtocol((short) 1521, CatchUpRaft.class);
  }

  private long lastResendNanos = System.nanoTime();
  private volatile long lastAppendNanos = System.nanoTime();
  private volatile CommandArrivals arrivals;
  /** As a follower: the last index known to hold the leader's entry, and the term that leader led. */
  private volatile long matchedIndex;
  private volatile long matchedTerm = -1;

  /** Told of every command this member, as leader, is about to append to its log. */
  @FunctionalInterface
  public interface CommandArrivals {
    void arrived(byte[] buf, int offset, int length);
  }

  /**
   * {@code listener} hears of each command submitted to this member while it leads — a command
   * from another member arrives through REDIRECT's {@code setAsync} — before it is appended,
   * replicated and committed (on the submitting thread: keep it short). In 1.1.3 the runner
   * appends queued commands in {@code process(List)}, not in {@code handleDownRequest}, and the
   * queued requests' fields are package-private: {@code setAsync} is the one overridable door.
   */
  public void onCommandArrival(CommandArrivals listener) {
    this.arrivals = listener;
  }

  @Override
  public java.util.concurrent.CompletableFuture<byte[]> setAsync(
      byte[] buf, int offset, int length, boolean internal, org.jgroups.raft.Options options) {
    CommandArrivals listener = arrivals;
    if (listener != null && !internal && isLeader()) {
      listener.arrived(buf, offset, length);
    }
    return super.setAsync(buf, offset, length, internal, options);
  }

  /**
   * When this member last took entries from a leader into its log (monotonic). A member elected
   * leader holds every committed entry (Raft's election restriction), and took each in after the
   * active site sent it: no lease renewal committed so far was sent later than this.
   */
  public long lastAppendNanos() {
    return lastAppendNanos;
  }

  @Override
  protected boolean append(long index, org.jgroups.protocols.raft.LogEntries entries) {
    boolean appended = false;
    try {
      appended = super.append(index, entries);
      return appended;
    } finally {
      lastAppendNanos = System.nanoTime(); // after the entries are in: later is only more cautious
      if (appended && !isLeader() && entries != null && entries.size() > 0) {
        // the leader's consistency check passed at index - 1: up to here our log is its log
        matchedIndex = index + entries.size() - 1;
        matchedTerm = currentTerm();
      }
    }
  }

  /**
   * A follower commits no further than its log is known to match the current leader's (Raft §5.3:
   * {@code commitIndex = min(leaderCommit, index of last new entry)}). jgroups-raft 1.1.3 commits to
   * {@code min(leaderCommit, lastAppended)} on any AppendEntries without entries — a commit message
   * or a heartbeat — without checking that its own entries are the leader's: a former leader
   * cut off with renewals it had appended but never committed then applied those as committed
   * when the partition healed, could never again delete them for the new leader's entries
   * ("cannot delete entries <= N as commit_index is higher"), and stayed behind for good (F0300 in
   * CI: home FENCED instead of STANDBY; docs/raft-notes.md).
   */
  @Override
  protected RAFT commitLogTo(long leaderCommit, boolean serializeResponse) {
    if (isLeader()) {
      return super.commitLogTo(leaderCommit, serializeResponse);
    }
    long matched = matchedTerm == currentTerm() ? Math.max(matchedIndex, commit_index) : commit_index;
    return super.commitLogTo(Math.min(leaderCommit, matched), serializeResponse);
  }

  @Override
  protected void processQueue() {
    super.processQueue();
    long now = System.nanoTime();
    if (now - lastResendNanos < TimeUnit.MILLISECONDS.toNanos(resend_interval)) {
      return;
    }
    lastResendNanos = now;
    CommitTable table = commit_table;
    View current = view;
    if (table == null || !isLeader() || current == null) {
      return;
    }
    table.forEach(
        (member, entry) -> {
          // Only to members in the view: a send to one that is cut off blocks in TCP's connect
          // (sock_conn_timeout) on the one sending thread, and every 200 ms of that starved the
          // member the commits depend on — a promoted site never got its renewals committed (F0300).
          if (!current.containsMember(member)) {
            return;
          }
          if (entry.nextIndex() <= last_appended || entry.commitIndex() < commit_index) {
            entry.sendSingleMessage(false);
            sendAppendEntriesMessage(member, entry);
          }
        });
  }
}
