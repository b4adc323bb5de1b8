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
import org.dataembassy.failover.agreement.OperatorOrder;
import org.dataembassy.failover.config.ControlPlaneConfig;
import org.dataembassy.runtime.journal.JournalCodec;
import org.dataembassy.failover.raft.RaftGroup;
import org.dataembassy.failover.raft.RaftMembership;
import org.dataembassy.runtime.client.PeerSiteClient;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.crypto.StateRoot;
import org.jboss.logging.Logger;

/**
 * Keeps sites of an older control-plane generation out of a forced one. A site that was lost when
 * the operator forced another site active must not come back into its old Raft group: with a
 * second old member it would hold that group's majority and could promote a second active site.
 * At start, and every few seconds after, the site asks the others for their generation: a newer
 * one — proven by the operator's signed order for it in the reported history, never by the claim
 * alone (EMB-FO-038) — means it was superseded — it does not start (or leaves) its control plane and says how to
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
  @Inject StateRoot stateRoot;

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
      int generation = view.path("generation").asInt(0);
      Optional<String> unproven = unproven(view.path("history"), generation, stateRoot.certificate());
      if (unproven.isPresent()) {
        long now = System.currentTimeMillis();
        if (now - lastUnprovenLog > 60_000) {
          lastUnprovenLog = now;
          LOG.errorf(
              "EMB-FO-038 site %s reports control-plane generation %d but %s: its claim is ignored",
              peer, generation, unproven.get());
        }
        return Optional.empty();
      }
      return Optional.of(new PeerGeneration(peer, generation, members));
    } catch (IOException e) {
      return Optional.empty(); // not running or not reachable: it tells us nothing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private volatile long lastUnprovenLog;

  /**
   * Why a reported generation is not proven by the history reported with it; empty if it is. A
   * generation above 0 exists only by a forced promotion, and a forced promotion only by an
   * operator's order signed for that generation with an operator's certificate from the state
   * root: a peer that merely reports a higher generation does not make this site leave its group.
   */
  static Optional<String> unproven(JsonNode history, int generation, java.security.cert.X509Certificate stateCa) {
    if (generation <= 0) {
      return Optional.empty();
    }
    for (JsonNode change : history) {
      JsonNode order = change.path("order");
      if (!"FORCED".equals(change.path("kind").asText()) || order.isMissingNode() || order.isNull()) {
        continue;
      }
      try {
        OperatorOrder parsed = JournalCodec.json().treeToValue(order, OperatorOrder.class);
        if (parsed.generation() == generation
            && parsed.site() != null
            && parsed.site().equals(change.path("site").asText())
            && parsed.refusal(parsed.site(), generation, stateCa).isEmpty()) {
          return Optional.empty();
        }
      } catch (Exception e) {
        // not an order: keep looking
      }
    }
    return Optional.of("no operator's signed order for that generation is in its history");
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
