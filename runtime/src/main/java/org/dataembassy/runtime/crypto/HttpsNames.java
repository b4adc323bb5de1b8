package org.dataembassy.runtime.crypto;

import java.util.ArrayList;
import java.util.List;

/**
 * The names a site's HTTPS certificate carries ({@link HttpsIdentity}): the service names citizens
 * use ({@code land.<zone>}, {@code auth.<zone>}, {@code sign.<zone>}), the site's own name and
 * its id — and the state's short name, from the zone, that its certificates carry.
 */
public final class HttpsNames {

  public static final List<String> SERVICE_NAMES = List.of("land", "auth", "sign");

  private HttpsNames() {}

  /** The DNS names of a site's HTTPS certificate: the service names, its own name, its id. */
  public static List<String> dnsNames(String siteId, String zone) {
    List<String> dns = new ArrayList<>();
    SERVICE_NAMES.forEach(s -> dns.add(s + "." + zone));
    dns.add(siteId + "." + zone);
    dns.add(siteId);
    return dns;
  }

  /** The state's short name, from its zone: {@code gov.example} → {@code GOV}. */
  public static String stateName(String zone) {
    return zone.contains(".") ? zone.substring(0, zone.indexOf('.')).toUpperCase() : zone;
  }
}
