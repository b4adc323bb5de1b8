package org.dataembassy.cli.drill;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import org.dataembassy.cli.federation.SiteClient;

/**
 * Watches the surviving sites every 100 ms during a drill — each one's own view ({@code
 * /sites/self}: role, epoch, active site) and its DNS answer for {@code land.<zone>} — and records
 * when the drill's milestones happen: the fault detected, a new active site promoted (its
 * epoch), the DNS answer changed at each site.
 */
final class FederationWatch {

  private final SiteClient client;
  private final Map<String, String> urls;
  private final Map<String, String> addresses;
  private final String serviceName;
  private final LongSupplier clock;
  private final ConcurrentLinkedQueue<DrillEvent> events = new ConcurrentLinkedQueue<>();
  private final Set<String> dnsChanged = new HashSet<>();
  private volatile String originalActive;
  private volatile long originalEpoch;
  private volatile boolean faulted;
  private volatile boolean detected;
  private volatile String promoted;
  private volatile long promotedEpoch;
  private volatile String activeNow;

  /**
   * @param urls each surviving site's HTTPS base URL
   * @param addresses each surviving site's address (its DNS server)
   */
  FederationWatch(SiteClient client, Map<String, String> urls, Map<String, String> addresses, String serviceName, LongSupplier clock) {
    this.client = client;
    this.urls = urls;
    this.addresses = addresses;
    this.serviceName = serviceName;
    this.clock = clock;
  }

  /** The active site and epoch before the fault. */
  void baseline(String active, long epoch) {
    originalActive = active;
    originalEpoch = epoch;
    activeNow = active;
  }

  void faultAt(long atMs, String detail) {
    faulted = true;
    events.add(new DrillEvent("fault", atMs, null, detail));
  }

  /** One round of observation; called every 100 ms. */
  void observe() {
    for (var site : urls.entrySet()) {
      Optional<JsonNode> self = client.json(site.getValue() + "/sites/self");
      if (self.isEmpty()) {
        continue;
      }
      long epoch = self.get().path("epoch").asLong();
      String active = self.get().path("activeSite").asText(null);
      if (active != null) {
        activeNow = active;
      }
      if (faulted && !detected && (epoch > originalEpoch || (active != null && !active.equals(originalActive)))) {
        detected = true;
        events.add(new DrillEvent("detection", clock.getAsLong(), site.getKey(), "epoch " + epoch + ", active " + active));
      }
      if (faulted && promoted == null && "ACTIVE".equals(self.get().path("role").asText()) && epoch > originalEpoch) {
        promoted = site.getKey();
        promotedEpoch = epoch;
        events.add(new DrillEvent("promotion", clock.getAsLong(), site.getKey(), "epoch " + epoch));
      }
    }
    if (!faulted || promoted == null) {
      return;
    }
    String target = addresses.get(promoted);
    for (var site : addresses.entrySet()) {
      if (dnsChanged.contains(site.getKey())) {
        continue;
      }
      Optional<String> answer = ServiceNames.resolve(site.getValue(), serviceName, Duration.ofMillis(300));
      if (answer.isPresent() && answer.get().equals(target)) {
        dnsChanged.add(site.getKey());
        events.add(new DrillEvent("dns", clock.getAsLong(), site.getKey(), serviceName + " -> " + target));
      }
    }
  }

  boolean dnsConverged() {
    return promoted != null && dnsChanged.containsAll(addresses.keySet());
  }

  Optional<String> promoted() {
    return Optional.ofNullable(promoted);
  }

  long promotedEpoch() {
    return promotedEpoch;
  }

  String activeNow() {
    return activeNow;
  }

  void record(DrillEvent event) {
    events.add(event);
  }

  List<DrillEvent> events() {
    return events.stream().sorted(java.util.Comparator.comparingLong(DrillEvent::atMs)).toList();
  }
}
