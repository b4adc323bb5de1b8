package org.dataembassy.site.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import org.dataembassy.site.SiteCertificates;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The site's DNS server over real UDP and TCP sockets, as the site runs it (test profile: the site
 * {@code home} on 127.0.0.1, port 15353, no control plane: home is active).
 */
@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class DnsServerTest {

  private static final int PORT = 15353;

  private static SimpleResolver resolver(boolean tcp) throws Exception {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", PORT));
    resolver.setTCP(tcp);
    resolver.setTimeout(Duration.ofSeconds(1));
    return resolver;
  }

  private static Message query(String name, int type, boolean tcp) throws Exception {
    return resolver(tcp).send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }

  @Test
  void shouldAnswerTheActiveSiteOverUdpAndTcp() throws Exception {
    for (boolean tcp : new boolean[] {false, true}) {
      Message answer = query("land.gov.example.", Type.A, tcp);
      assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(answer.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("127.0.0.1");
    }
  }

  @Test
  void shouldKeepAnsweringAfterAFloodOfMutatedPackets() throws Exception {
    byte[] valid = Message.newQuery(Record.newRecord(Name.fromString("auth.gov.example."), Type.A, DClass.IN)).toWire();
    Random random = new Random(42);
    try (DatagramSocket socket = new DatagramSocket()) {
      InetSocketAddress server = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), PORT);
      for (int i = 0; i < 100_000; i++) {
        byte[] packet = valid.clone();
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips; f++) {
          packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);
        }
        int length = random.nextInt(8) == 0 ? random.nextInt(packet.length + 1) : packet.length;
        socket.send(new DatagramPacket(packet, length, server));
      }
    }
    // a query that arrives while the socket's receive buffer is still full of the flood is dropped by
    // the kernel (UDP); a client retries, and is answered
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
      Message answer = query("auth.gov.example.", Type.A, false);
      assertThat(answer.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("127.0.0.1");
    });
    // and over TCP, which the flood never touched
    assertThat(query("auth.gov.example.", Type.A, true).getSection(Section.ANSWER))
        .extracting(Record::rdataToString).containsExactly("127.0.0.1");
  }
}
