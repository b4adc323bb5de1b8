package org.dataembassy.dns.push;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Optional push of the service records to an external authoritative server (RFC 2136 dynamic
 * UPDATE, signed with TSIG), for states whose public DNS is run elsewhere.
 */
@ConfigMapping(prefix = "embassy.dns.push")
public interface DnsPushConfig {

  /** Whether the active site pushes its address to {@code server} on every change of active site. */
  @WithDefault("false")
  boolean enabled();

  /** The primary server that accepts updates for the zone: {@code host} or {@code host:port}. */
  Optional<String> server();

  /** The zone to update; defaults to the zone this site serves. */
  Optional<String> zone();

  /** The TSIG key's name, as the server knows it. */
  Optional<String> tsigKeyName();

  /** The TSIG secret, base64; give it as {@code EMBASSY_DNS_PUSH_TSIG_SECRET}, never in a file. */
  Optional<String> tsigSecret();

  /** TSIG algorithm: {@code hmac-sha256} (RFC 8945's recommended one). */
  @WithDefault("hmac-sha256")
  String tsigAlgorithm();

  /** How long one UPDATE may take. */
  @WithDefault("3000")
  long timeoutMs();

  /** First retry after a failed UPDATE; doubled up to {@code max-retry-interval-ms}. */
  @WithDefault("500")
  long retryIntervalMs();

  @WithDefault("10000")
  long maxRetryIntervalMs();
}
