package org.dataembassy.runtime.journal;

/**
 * An event a register decided to journal: its type and its body (any Jackson-serialisable value).
 */
public record PendingEvent(String type, Object body) {}
