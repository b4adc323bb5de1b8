package org.dataembassy.runtime.controlplane;

import java.util.Optional;
import java.util.Set;

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

  /**
   * The site that was (or is) active in {@code epoch}: the only site whose journal entries of that
   * epoch are valid. Empty when this site's control plane does not know: an epoch it has not
   * applied yet, or one older than the history it keeps.
   */
  Optional<String> activeSiteOf(long epoch);

  /** The role of a site of the federation. */
  SiteRole roleOf(String siteId);

  /**
   * The first journal sequence of the current epoch: an entry from there on that carries an older
   * epoch was written by a site that had lost its lease, and is not valid.
   */
  default long epochStartSequence() {
    return 1;
  }

  /**
   * Whether this site's view of the control plane is current (it has applied everything the
   * control plane committed). Until then, who is active is not known here.
   */
  default boolean current() {
    return true;
  }

  /**
   * The sites this site's control plane is connected to now (itself included); unknown ones are
   * assumed connected.
   */
  default Optional<Set<String>> connectedSites() {
    return Optional.empty();
  }

  /**
   * The active site opens a new epoch for itself, starting at {@code startSequence}, and returns
   * once this site has applied it; false if the control plane could not commit it. Used after a
   * write it could not acknowledge, so no later entry can be mistaken for that one.
   */
  default boolean beginNewEpoch(long startSequence, String reason) {
    return true;
  }

  /** Milliseconds left on this site's lease (0 when it holds none). */
  default long leaseRemainingMillis() {
    return 0;
  }
}
