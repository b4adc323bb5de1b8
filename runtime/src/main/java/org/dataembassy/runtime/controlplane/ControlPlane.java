package org.dataembassy.runtime.controlplane;

import java.util.Optional;

/**
 * The control plane's answer to "who is active, in which epoch". Services, DNS and forwarding read
 * this small contract; how the answer is reached (configuration, Raft) is the failover module's
 * business.
 */
public interface ControlPlane {

  /** The site that accepts writes now, if any. */
  Optional<String> activeSite();

  /** The current epoch: grows by one at every change of active site. */
  long epoch();

  /** The role of a site of the federation. */
  SiteRole roleOf(String siteId);
}
