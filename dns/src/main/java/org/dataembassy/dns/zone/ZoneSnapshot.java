package org.dataembassy.dns.zone;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The zone as it stands at one epoch of the control plane, immutable: the service names lead to
 * the active site's addresses; every site is a name server ({@code ns.<site>.<zone>}, with glue);
 * every site's own name ({@code <site>.<zone>}) leads to it. Built only from replicated state and
 * configuration, so every site answers alike at the same epoch. The SOA serial is the epoch: it
 * rises with every change of active site, the only change of answer.
 */
public final class ZoneSnapshot {

  private static final long REFRESH = 60;
  private static final long RETRY = 30;
  private static final long EXPIRE = 3600;

  private final Name zone;
  private final long serial;
  private final long ttl;
  private final String activeSite;
  private final boolean current;
  private final SOARecord soa;
  private final List<Name> nameServers = new ArrayList<>();
  /** Every name in the zone that owns address records, with its addresses. */
  private final Map<Name, List<InetAddress>> addresses = new LinkedHashMap<>();

  /**
   * @param sites site id → its addresses, in priority order (the first site's server is the SOA's
   *     primary name server, the same at every site)
   */
  public ZoneSnapshot(
      String zone, List<String> services, Map<String, List<InetAddress>> sites, String activeSite, long epoch, long ttl) {
    this(zone, services, sites, activeSite, epoch, ttl, true);
  }

  /**
   * @param current whether this site's control plane is current: a site that has not yet applied
   *     everything the control plane committed (just restarted, or cut off) does not know who is
   *     active, and answers SERVFAIL for the zone — resolvers then ask another of the zone's
   *     servers — instead of a possibly stale address
   */
  public ZoneSnapshot(
      String zone,
      List<String> services,
      Map<String, List<InetAddress>> sites,
      String activeSite,
      long epoch,
      long ttl,
      boolean current) {
    this.current = current;
    try {
      this.zone = Name.fromString(zone.endsWith(".") ? zone : zone + ".");
      this.serial = epoch & 0xFFFF_FFFFL;
      this.ttl = ttl;
      this.activeSite = activeSite;
      List<InetAddress> active = sites.getOrDefault(activeSite, List.of());
      for (String service : services) {
        addresses.put(Name.fromString(service, this.zone), active);
      }
      for (Map.Entry<String, List<InetAddress>> site : sites.entrySet()) {
        Name siteName = Name.fromString(site.getKey(), this.zone);
        Name ns = Name.fromString("ns", siteName);
        nameServers.add(ns);
        addresses.put(siteName, site.getValue());
        addresses.put(ns, site.getValue());
      }
      Name primary = nameServers.isEmpty() ? this.zone : nameServers.get(0);
      this.soa =
          new SOARecord(
              this.zone, DClass.IN, ttl, primary, Name.fromString("hostmaster", this.zone),
              serial, REFRESH, RETRY, EXPIRE, ttl);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a valid zone or name: " + e.getMessage(), e);
    }
  }

  public Name zone() {
    return zone;
  }

  public long serial() {
    return serial;
  }

  public String activeSite() {
    return activeSite;
  }

  /** Whether the answers are known to be current (see the constructor). */
  public boolean current() {
    return current;
  }

  /** Whether {@code name} is in this zone (the zone itself included). */
  public boolean contains(Name name) {
    return name.subdomain(zone);
  }

  /**
   * Fills {@code response} with the authoritative answer for {@code name}/{@code type} (a name of
   * this zone): records, or NODATA / NXDOMAIN with the SOA in the authority section.
   */
  public void answer(Name name, int type, Message response) {
    if (!current) {
      response.getHeader().unsetFlag(org.xbill.DNS.Flags.AA);
      response.getHeader().setRcode(Rcode.SERVFAIL);
      return;
    }
    if (name.equals(zone)) {
      answerApex(name, type, response);
      return;
    }
    List<InetAddress> owned = addresses.get(name);
    if (owned == null) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
      response.addRecord(soa, Section.AUTHORITY);
      return;
    }
    boolean any = type == Type.ANY;
    // RFC 8482: ANY gets a subset, here the IPv4 addresses (what a client most likely wants)
    if (type == Type.A || any) {
      addAddresses(name, owned, Inet4Address.class, Section.ANSWER, response);
    } else if (type == Type.AAAA) {
      addAddresses(name, owned, Inet6Address.class, Section.ANSWER, response);
    }
    if (response.getSection(Section.ANSWER).isEmpty()) {
      response.addRecord(soa, Section.AUTHORITY); // NODATA
    }
  }

  private void answerApex(Name name, int type, Message response) {
    switch (type) {
      case Type.SOA, Type.ANY -> response.addRecord(soa, Section.ANSWER); // ANY: RFC 8482 subset
      case Type.NS -> {
        for (Name ns : nameServers) {
          response.addRecord(new NSRecord(name, DClass.IN, ttl, ns), Section.ANSWER);
        }
        for (Name ns : nameServers) { // glue: the servers live inside the zone
          addAddresses(ns, addresses.get(ns), InetAddress.class, Section.ADDITIONAL, response);
        }
      }
      default -> response.addRecord(soa, Section.AUTHORITY); // NODATA
    }
  }

  private void addAddresses(
      Name owner, List<InetAddress> list, Class<? extends InetAddress> family, int section, Message response) {
    for (InetAddress address : list) {
      if (!family.isInstance(address)) {
        continue;
      }
      Record record =
          address instanceof Inet4Address
              ? new ARecord(owner, DClass.IN, ttl, address)
              : new AAAARecord(owner, DClass.IN, ttl, address);
      response.addRecord(record, section);
    }
  }
}
