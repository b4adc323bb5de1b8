package org.dataembassy.dns.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The site's authoritative DNS server for the federation's zone. */
@ConfigMapping(prefix = "embassy.dns")
public interface DnsConfig {

  /** Whether this site serves the zone. */
  @WithDefault("true")
  boolean enabled();

  /** The zone served; defaults to {@code embassy.federation.zone}. */
  Optional<String> zone();

  /** UDP and TCP port on the site's address (53 in production). */
  @WithDefault("5353")
  int port();

  /** TTL of the service records and of negative answers, in seconds: short, so a failover is seen soon. */
  @WithDefault("5")
  int ttl();

  /** The names in the zone that lead to the active site. */
  @WithDefault("land,auth,sign")
  List<String> services();

  /** Largest UDP answer this server sends to an EDNS client (RFC 9715 / DNS flag day 2020: 1232). */
  @WithDefault("1232")
  int ednsUdpSize();

  /** Open TCP connections served at once; more are refused until one closes. */
  @WithDefault("256")
  int maxTcpConnections();

  /** A TCP connection idle this long is closed (RFC 7766 recommends seconds, not minutes). */
  @WithDefault("10000")
  long tcpIdleTimeoutMs();
}
