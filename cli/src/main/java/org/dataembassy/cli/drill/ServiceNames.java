package org.dataembassy.cli.drill;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Asks a site's DNS server (the federation's own, port 5353) where a service name points. */
public final class ServiceNames {

  public static final int DNS_PORT = 5353;

  private ServiceNames() {}

  /** The address {@code name} resolves to at the DNS server on {@code serverAddress}, if it answers. */
  public static Optional<String> resolve(String serverAddress, String name, Duration timeout) {
    try {
      SimpleResolver resolver = new SimpleResolver(serverAddress);
      resolver.setPort(DNS_PORT);
      resolver.setTimeout(timeout);
      Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)));
      if (answer.getRcode() != Rcode.NOERROR) {
        return Optional.empty();
      }
      return answer.getSection(Section.ANSWER).stream()
          .filter(r -> r instanceof ARecord)
          .map(r -> ((ARecord) r).getAddress().getHostAddress())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
