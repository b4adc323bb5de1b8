package org.dataembassy.failover.drill;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.dataembassy.runtime.journal.AppliedOutcome;
import org.dataembassy.runtime.journal.JournalApplier;
import org.dataembassy.runtime.journal.JournalCodec;
import org.dataembassy.runtime.journal.JournalEntry;
import org.dataembassy.runtime.journal.RegisterProjection;
import org.dataembassy.runtime.persistence.ProjectionDatabase;

/** Folds recorded drills into {@code drill_record}; the same at every site. */
@ApplicationScoped
public class DrillAuditTrail implements RegisterProjection {

  static final int LISTED = 100;

  @Inject ProjectionDatabase database;

  /** A drill as {@code GET /operator/drills} shows it. */
  public record DrillView(
      long sequence, String kind, String subject, Instant startedAt, boolean passed, Long firstWriteMs,
      int acknowledgedWrites, int lostWrites, String operator, Instant recordedAt, String site) {}

  @Override
  public String register() {
    return DrillRecorded.REGISTER;
  }

  @Override
  public AppliedOutcome apply(JournalEntry entry, JsonNode event) {
    if (!entry.type().equals(DrillRecorded.TYPE)) {
      throw new IllegalStateException("unknown drills event " + entry.type());
    }
    DrillRecorded e = JournalApplier.read(event, DrillRecorded.class);
    DrillRecordEntity d = new DrillRecordEntity();
    d.sequence = entry.sequence();
    d.kind = e.kind();
    d.subject = e.subject();
    d.startedAt = e.startedAt();
    d.passed = e.passed();
    d.firstWriteMs = e.firstWriteMs();
    d.acknowledgedWrites = e.acknowledgedWrites();
    d.lostWrites = e.lostWrites();
    d.operator = e.operator();
    d.recordedAt = entry.timestamp();
    d.site = entry.site();
    database.em().persist(d);
    database.em().flush();
    return new AppliedOutcome(201, "/operator/drills/" + d.sequence, JournalCodec.json().valueToTree(view(d)), entry.sequence());
  }

  /** The newest {@value #LISTED} drills, oldest first. */
  public List<DrillView> newest() {
    List<DrillRecordEntity> newest = database.em()
        .createQuery("from DrillRecordEntity d order by d.sequence desc", DrillRecordEntity.class)
        .setMaxResults(LISTED)
        .getResultList();
    List<DrillRecordEntity> oldestFirst = new java.util.ArrayList<>(newest);
    java.util.Collections.reverse(oldestFirst);
    return oldestFirst.stream().map(DrillAuditTrail::view).toList();
  }

  static DrillView view(DrillRecordEntity d) {
    return new DrillView(d.sequence, d.kind, d.subject, d.startedAt, d.passed, d.firstWriteMs, d.acknowledgedWrites,
        d.lostWrites, d.operator, d.recordedAt, d.site);
  }
}
