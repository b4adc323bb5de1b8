package org.dataembassy.cli.drill;

/**
 * One moment of a drill's timeline, in milliseconds since the drill began: {@code fault},
 * {@code detection}, {@code promotion}, {@code dns} (an answer changed at {@code site}), {@code
 * first-write} (the first write acknowledged by the new active site), {@code restored}.
 */
public record DrillEvent(String kind, long atMs, String site, String detail) {}
