package org.dataembassy.failover.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dataembassy.failover.config.ControlPlaneConfig;
import org.dataembassy.failover.raft.RaftGroup;
import org.dataembassy.failover.raft.RaftMembership;
import org.dataembassy.runtime.client.PeerSiteClient;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.jboss.logging.Logger;

/**
 * Keeps sites of an older control-plane generation out of a forced one. A site that was lost when
 * the operator forced another site active must not come back into its old Raft group: with a
 * second old member it would hold that group's majority and could promote a second active site.
 * At start, and every few seconds after, the site asks the others for their generation: a newer
 * one means it was superseded — it does not start (or leaves) its control plane and says how to
 * rejoin. With {@code embassy.controlplane.rejoin} it instead joins the newest generation with a
 * fresh Raft log.
 */
@ApplicationScoped
public class GenerationGuard {

  private static final Logger LOG = Logger.getLogger(GenerationGuard.class);

  @Inject SiteConfig site;
  @Inject FederationConfig federation;
  @Inject ControlPlaneConfig config;
  @Inject RaftGroup group;
  @Inject PeerSiteClient peers;

  /** A generation reported by another site. */
  record PeerGeneration(String site, int generation, List<String> members) {}

  /** The membership this site starts its Raft group with; throws if it was superseded. */
  public RaftMembership membershipToStart() {
    RaftMembership own = RaftMembership.load(group.raftDir(), federation.siteIds());
    Optional<PeerGeneration> newest = newestPeerGeneration();
    if (config.rejoin()) {
      PeerGeneration peer =
          newest.orElseThrow(
              () -> new IllegalStateException(
                  "EMB-FO-036 cannot rejoin the control plane: no other site answered with its generation"));
      List<String> members = new ArrayList<>(peer.members());
      if (!members.contains(site.id())) {
        members.add(site.id());
      }
      RaftMembership joined = new RaftMembership(peer.generation(), members);
      discardRaftLog();
      joined.save(group.raftDir());
      LOG.warnf(
          "EMB-FO-036 site %s rejoins the control plane in generation %d (as reported by %s) with a fresh Raft log",
          site.id(), joined.generation(), peer.site());
      return joined;
    }
    if (newest.isPresent() && newest.get().generation() > own.generation()) {
      throw superseded(own, newest.get());
    }
    return own;
  }

  /** Whether a running site reports a newer generation than this site's (checked periodically). */
  public Optional<String> supersededBy() {
    RaftMembership own = group.membership();
    if (own == null) {
      return Optional.empty();
    }
    return newestPeerGeneration()
        .filter(peer -> peer.generation() > own.generation())
        .map(peer -> superseded(own, peer).getMessage());
  }

  private IllegalStateException superseded(RaftMembership own, PeerGeneration peer) {
    return new IllegalStateException(
        String.format(
            "EMB-FO-035 site %s is in control-plane generation %d but site %s runs generation %d (a forced promotion):"
                + " this site stays out of the control plane; start it with --rejoin to join again",
            site.id(), own.generation(), peer.site(), peer.generation()));
  }

  private Optional<PeerGeneration> newestPeerGeneration() {
    return federation.siteIds().stream()
        .filter(id -> !id.equals(site.id()))
        .map(this::generationOf)
        .flatMap(Optional::stream)
        .max(Comparator.comparingInt(PeerGeneration::generation));
  }

  private Optional<PeerGeneration> generationOf(String peer) {
    try {
      JsonNode view = peers.controlPlane(peer);
      List<String> members = new ArrayList<>();
      view.path("members").forEach(m -> members.add(m.asText()));
      return Optional.of(new PeerGeneration(peer, view.path("generation").asInt(0), members));
    } catch (IOException e) {
      return Optional.empty(); // not running or not reachable: it tells us nothing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private void discardRaftLog() {
    Path dir = group.raftDir();
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot discard the Raft log in " + dir, e);
    }
  }
}
