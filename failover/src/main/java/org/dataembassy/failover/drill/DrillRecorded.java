package org.dataembassy.failover.drill;

import java.time.Instant;

/**
 * A failover drill's outcome, journaled like any change (signed, hash-chained, held by every site):
 * the federation's audit trail of who rehearsed what, when, and with what result.
 *
 * @param operator the subject of the operator's certificate that recorded it
 */
public record DrillRecorded(
    String kind, String subject, Instant startedAt, boolean passed, Long firstWriteMs, int acknowledgedWrites,
    int lostWrites, String operator) {

  public static final String REGISTER = "drills";
  public static final String TYPE = "DrillRecorded";
}
