package org.dataembassy.failover.raft;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Who belongs to this site's Raft group, and in which <em>generation</em>. Generation 0 is the
 * configured federation, every site a member. A forced promotion ({@code ./embassy promote SITE
 * --force}, when the majority is lost for good) starts the next generation with the survivor
 * alone, under a cluster name of its own: members of an older generation that come back cannot
 * reach it — and cannot take it over with their higher Raft terms (docs/raft-notes.md) — until
 * they rejoin it with a fresh Raft log. Kept in {@code <site-dir>/raft/membership.properties};
 * absent means generation 0.
 */
public record RaftMembership(int generation, List<String> members) {

  private static final String FILE = "membership.properties";
  private static final String BASE_CLUSTER = "embassy-control";

  public RaftMembership {
    members = List.copyOf(members);
    if (generation < 0 || members.isEmpty()) {
      throw new IllegalArgumentException("a Raft membership needs a generation ≥ 0 and members");
    }
  }

  /** The JGroups cluster of this generation; generation 0 keeps the original name. */
  public String clusterName() {
    return generation == 0 ? BASE_CLUSTER : BASE_CLUSTER + "-g" + generation;
  }

  public int majority() {
    return members.size() / 2 + 1;
  }

  /** The next generation, with {@code survivors} only. */
  public RaftMembership forcedTo(List<String> survivors) {
    return new RaftMembership(generation + 1, survivors);
  }

  public static RaftMembership load(Path raftDir, List<String> federation) {
    Path file = raftDir.resolve(FILE);
    if (!Files.exists(file)) {
      return new RaftMembership(0, federation);
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return new RaftMembership(
        Integer.parseInt(p.getProperty("generation", "0").trim()),
        Arrays.stream(p.getProperty("members", "").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }

  /** Writes it atomically (a crash leaves the old or the new file, never half of one). */
  public void save(Path raftDir) {
    Properties p = new Properties();
    p.setProperty("generation", Integer.toString(generation));
    p.setProperty("members", String.join(",", members));
    try {
      Files.createDirectories(raftDir);
      Path tmp = raftDir.resolve(FILE + ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp)) {
        p.store(out, "Raft group membership of this site (see docs/operations.md, forced promotion)");
      }
      Files.move(tmp, raftDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Raft membership in " + raftDir, e);
    }
  }
}
