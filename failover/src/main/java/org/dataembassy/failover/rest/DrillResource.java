package org.dataembassy.failover.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.dataembassy.failover.drill.DrillAuditTrail;
import org.dataembassy.failover.drill.DrillRecorded;
import org.dataembassy.runtime.idempotency.IdempotencyKeys;
import org.dataembassy.runtime.journal.JournalWriter;
import org.dataembassy.runtime.journal.PendingEvent;
import org.dataembassy.runtime.journal.WriteCommand;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;
import org.dataembassy.runtime.rest.WriteResponses;
import org.dataembassy.runtime.security.OperatorIdentity;
import org.dataembassy.runtime.security.Operators;
import org.jboss.logging.Logger;

/**
 * The drills' audit trail ({@code ./embassy drill}): an operator records a drill's outcome at the
 * active site, where it is journaled like any change and so held, signed and hash-chained, by every
 * site; operators and auditors list the newest 100 at any site. Management port only.
 */
@Path("/operator/drills")
@Produces(MediaType.APPLICATION_JSON)
public class DrillResource {

  private static final Logger AUDIT = Logger.getLogger("org.dataembassy.audit");
  private static final Set<String> KINDS = Set.of("loss", "switchover", "isolate");

  @Inject Operators operators;
  @Inject JournalWriter writer;
  @Inject DrillAuditTrail trail;

  /** A drill's outcome as the CLI reports it (its report.json has the rest). */
  public record DrillRecordRequest(
      String kind, String subject, Instant startedAt, Boolean passed, Long firstWriteMs, Integer acknowledgedWrites,
      Integer lostWrites) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response record(
      DrillRecordRequest request, @Context HttpServerRequest http, @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
    OperatorIdentity who = operators.require(http);
    DrillRecorded event = validated(request, who.subject());
    String key = IdempotencyKeys.validate(idempotencyKey);
    JournalWriter.Result result = writer.write(
        new WriteCommand(DrillRecorded.REGISTER, key, IdempotencyKeys.requestHashOfJson("POST", "/operator/drills", request)),
        () -> new PendingEvent(DrillRecorded.TYPE, event));
    AUDIT.infof("EMB-AU-060 drill %s of %s (%s) recorded by %s", event.kind(), event.subject(),
        event.passed() ? "passed" : "failed", who.subject());
    return WriteResponses.of(result);
  }

  @GET
  public List<DrillAuditTrail.DrillView> list(@Context HttpServerRequest http) {
    operators.requireReader(http);
    return QuarkusTransaction.requiringNew().call(trail::newest);
  }

  private static DrillRecorded validated(DrillRecordRequest r, String operator) {
    if (r == null || r.kind() == null || !KINDS.contains(r.kind())) {
      throw invalid("kind is loss, switchover or isolate");
    }
    if (r.subject() == null || !r.subject().matches("[a-z0-9-]{1,40}")) {
      throw invalid("subject is a site id");
    }
    if (r.startedAt() == null || r.passed() == null) {
      throw invalid("startedAt and passed are required");
    }
    if (r.firstWriteMs() != null && (r.firstWriteMs() < 0 || r.firstWriteMs() > 86_400_000L)) {
      throw invalid("firstWriteMs is between 0 and a day");
    }
    int acknowledged = r.acknowledgedWrites() == null ? 0 : r.acknowledgedWrites();
    int lost = r.lostWrites() == null ? 0 : r.lostWrites();
    if (acknowledged < 0 || lost < 0 || lost > acknowledged) {
      throw invalid("acknowledgedWrites and lostWrites are counts, lost at most acknowledged");
    }
    return new DrillRecorded(r.kind(), r.subject(), r.startedAt(), r.passed(), r.firstWriteMs(), acknowledged, lost, operator);
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(CommonProblem.VALIDATION_FAILED, "A drill record: " + detail + ".");
  }
}
