package org.dataembassy.cli.federation;

import java.util.Optional;

/**
 * One site of a local federation as the operator tooling starts it.
 *
 * @param id site id ({@code home}, {@code lux}, {@code emb2})
 * @param address address it binds to (a loopback address, or one inside its network namespace)
 * @param priority failover priority (lower first)
 * @param networkNamespace the network namespace ({@code ip netns}) it runs in, or null for the
 *     host's; drills and partition tests give each site its own to cut links between them
 */
public record SiteSpec(String id, String address, int priority, String networkNamespace) {

  public SiteSpec(String id, String address, int priority) {
    this(id, address, priority, null);
  }

  public Optional<String> namespace() {
    return Optional.ofNullable(networkNamespace);
  }

  /** The same site at another address inside a network namespace. */
  public SiteSpec inNamespace(String namespace, String namespaceAddress) {
    return new SiteSpec(id, namespaceAddress, priority, namespace);
  }
}
