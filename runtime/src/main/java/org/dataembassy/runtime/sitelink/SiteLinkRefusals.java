package org.dataembassy.runtime.sitelink;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many site-link connections and messages this process refused, by reason. JGroups creates its
 * transports reflectively from the stack configuration, outside CDI: they count here, and {@code
 * SiteLinkMetrics} publishes the counts as {@code embassy.sitelink.refused{reason}}.
 */
public final class SiteLinkRefusals {

  private static final Map<SiteBoundTcp.Reason, AtomicLong> COUNTS = new EnumMap<>(SiteBoundTcp.Reason.class);

  static {
    for (SiteBoundTcp.Reason reason : SiteBoundTcp.Reason.values()) {
      COUNTS.put(reason, new AtomicLong());
    }
  }

  private SiteLinkRefusals() {}

  static void count(SiteBoundTcp.Reason reason) {
    COUNTS.get(reason).incrementAndGet();
  }

  public static long total(SiteBoundTcp.Reason reason) {
    return COUNTS.get(reason).get();
  }
}
