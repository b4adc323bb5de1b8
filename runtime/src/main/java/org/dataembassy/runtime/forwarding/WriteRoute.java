package org.dataembassy.runtime.forwarding;

import java.util.Optional;
import java.util.OptionalLong;
import org.dataembassy.runtime.controlplane.SiteRole;

/**
 * Where a write that reached this site goes, decided from this site's view of the control plane
 * and what the forwarding site said about its own view.
 *
 * <p>A change of active site reaches the sites a few hundred milliseconds apart. In that window two
 * sites can each believe the other active and send a write back and forth. Each forwarded write
 * therefore carries the forwarder's epoch ({@code Embassy-Epoch}): a site whose view is older waits
 * until it has caught up, instead of sending the write back; and a newly named active site waits
 * for its first lease instead of refusing. Every wait is bounded by the caller.
 */
public final class WriteRoute {

  /** Forwarding hops after which a write is refused (a loop the epochs did not prevent). */
  public static final int MAX_HOPS = 3;

  /** What to do with the write. */
  public sealed interface Decision {}

  /** Serve it here: this site is active. */
  public record Serve() implements Decision {}

  /** Forward it to {@code site}, telling it this site's {@code epoch}. */
  public record Forward(String site, long epoch) implements Decision {}

  /** Ask again shortly: this site's view is about to change. */
  public record Wait(String why) implements Decision {}

  /** Refuse it (503): {@code why} tells the client. */
  public record Refuse(String why) implements Decision {}

  private WriteRoute() {}

  /**
   * @param self this site
   * @param role this site's role in its own view
   * @param active the active site in this site's view
   * @param epoch this site's epoch
   * @param forwardedEpoch the epoch of the site that forwarded the write, if it was forwarded
   * @param hops how many times the write has been forwarded already
   */
  public static Decision decide(
      String self, SiteRole role, Optional<String> active, long epoch, OptionalLong forwardedEpoch, int hops) {
    if (role == SiteRole.ACTIVE) {
      return new Serve();
    }
    if (forwardedEpoch.isPresent() && forwardedEpoch.getAsLong() > epoch) {
      return new Wait("the forwarding site is in epoch " + forwardedEpoch.getAsLong() + ", this one in " + epoch);
    }
    if (role == SiteRole.FENCED) {
      return new Wait("named active in epoch " + epoch + " but holding no lease yet");
    }
    if (active.isEmpty() || active.get().equals(self)) {
      return new Refuse("No site is active right now; retry shortly.");
    }
    if (hops >= MAX_HOPS) {
      return new Refuse("The write was forwarded " + hops + " times without reaching the active site; retry shortly.");
    }
    return new Forward(active.get(), epoch);
  }
}
