package org.dataembassy.failover.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.dataembassy.failover.ControlPlaneState;
import org.dataembassy.failover.raft.RaftGroup;
import org.dataembassy.failover.raft.RaftMembership;
import org.dataembassy.runtime.config.SiteConfig;

/**
 * This site's view of the control plane: the Raft group's generation and members, and the log of
 * changes of active site (failovers, switchovers, forced promotions — the audit trail, replicated).
 * Read-only, no personal data.
 */
@Path("/sites/self/control-plane")
@Produces(MediaType.APPLICATION_JSON)
public class ControlPlaneResource {

  @Inject RaftGroup group;
  @Inject SiteConfig site;

  public record View(
      String site,
      int generation,
      List<String> members,
      List<String> connected,
      String raftLeader,
      long term,
      String activeSite,
      long epoch,
      List<ControlPlaneState.Change> history) {}

  @GET
  public View view() {
    RaftMembership membership = group.membership();
    ControlPlaneState state = group.stateMachine().state();
    return new View(
        site.id(),
        membership == null ? 0 : membership.generation(),
        membership == null ? List.of() : membership.members(),
        group.members(),
        group.leader().orElse(null),
        group.term(),
        state.activeSite(),
        state.epoch(),
        state.history());
  }
}
