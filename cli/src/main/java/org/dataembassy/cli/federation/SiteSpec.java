package org.dataembassy.cli.federation;

/**
 * One site of a local federation as the operator tooling starts it.
 *
 * @param id site id ({@code home}, {@code lux}, {@code emb2})
 * @param address loopback address it binds to
 * @param priority failover priority (lower first)
 */
public record SiteSpec(String id, String address, int priority) {}
