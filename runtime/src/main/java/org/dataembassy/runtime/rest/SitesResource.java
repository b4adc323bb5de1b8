package org.dataembassy.runtime.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dataembassy.runtime.LocalSite;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.health.CatchUpMonitor;
import org.dataembassy.runtime.journal.AcknowledgementRecord;
import org.dataembassy.runtime.journal.JournalApplier;
import org.dataembassy.runtime.replication.CrossSiteReplication;

/** A site's own operational state; no personal data. */
@Path("/sites")
@Produces(MediaType.APPLICATION_JSON)
public class SitesResource {

  @Inject LocalSite site;
  @Inject ControlPlane controlPlane;
  @Inject JournalApplier applier;
  @Inject CrossSiteReplication replication;
  @Inject CatchUpMonitor catchUp;
  @Inject AcknowledgementRecord acknowledgements;

  /** This site's role, epoch, journal position and replication state toward each other site. */
  public record SelfStatus(
      String site,
      String address,
      String role,
      long epoch,
      String activeSite,
      long journalSequence,
      long storedSequence,
      String journalHead,
      long leaseRemainingMs,
      boolean caughtUp,
      Map<String, PeerView> replication) {}

  /** Replication toward one other site, from this site's point of view. */
  public record PeerView(String state, boolean reachable, String pushState) {}

  @GET
  @Path("/self")
  public SelfStatus self() {
    Map<String, PeerView> peers = new LinkedHashMap<>();
    replication
        .peers()
        .forEach((id, s) -> peers.put(id, new PeerView(s.state(), s.inView(), s.pushState())));
    return new SelfStatus(
        site.id(),
        site.address(),
        site.role().name(),
        controlPlane.epoch(),
        controlPlane.activeSite().orElse(null),
        applier.appliedSequence(),
        applier.storedSequence(),
        applier.lastHash(),
        controlPlane.leaseRemainingMillis(),
        catchUp.caughtUp(),
        peers);
  }

  /** When this site acknowledged writes, run by run, each run in one epoch (fencing evidence). */
  @GET
  @Path("/self/acknowledgements")
  public List<AcknowledgementRecord.Window> acknowledgements() {
    return acknowledgements.windows();
  }
}
