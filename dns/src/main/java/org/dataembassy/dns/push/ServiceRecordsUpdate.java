package org.dataembassy.dns.push;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * The RFC 2136 UPDATE that makes the service names lead to the active site: for every service
 * name, delete its A and AAAA RRsets and add the active site's addresses; and a TXT record {@code
 * _embassy.<zone>} naming the active site and epoch, so operators see at the external server which
 * change it last received. One message, applied atomically by the server.
 */
public final class ServiceRecordsUpdate {

  private ServiceRecordsUpdate() {}

  public static Message build(
      String zone, List<String> services, List<InetAddress> addresses, long ttl, String activeSite, long epoch) {
    try {
      Name origin = Name.fromString(zone.endsWith(".") ? zone : zone + ".");
      Update update = new Update(origin);
      for (String service : services) {
        Name name = Name.fromString(service, origin);
        update.delete(name, Type.A);
        update.delete(name, Type.AAAA);
        for (InetAddress address : addresses) {
          if (address instanceof Inet4Address) {
            update.add(new ARecord(name, DClass.IN, ttl, address));
          } else if (address instanceof Inet6Address) {
            update.add(new AAAARecord(name, DClass.IN, ttl, address));
          }
        }
      }
      Name marker = Name.fromString("_embassy", origin);
      update.delete(marker, Type.TXT);
      update.add(new TXTRecord(marker, DClass.IN, ttl, "active=" + activeSite + " epoch=" + epoch));
      return update;
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a valid zone or service name: " + e.getMessage(), e);
    }
  }
}
