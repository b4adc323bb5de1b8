package org.dataembassy.cli.drill;

/**
 * One request of a drill's probe load: a {@code write} (to the address the service name resolved
 * to) or a {@code read} (at {@code site}); {@code status} -1 if no answer came in time; {@code
 * answeredBy} the site that answered (its {@code Embassy-Site} header).
 */
public record ProbeSample(long atMs, String kind, String site, int status, String answeredBy, boolean ok) {}
