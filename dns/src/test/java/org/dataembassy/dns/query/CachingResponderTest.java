package org.dataembassy.dns.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.dataembassy.dns.zone.ZoneSnapshot;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class CachingResponderTest {

  private static ZoneSnapshot zone(String active, long epoch) throws Exception {
    return new ZoneSnapshot("gov.example", List.of("land"),
        Map.of("home", List.of(InetAddress.getByName("127.0.0.11")), "lux", List.of(InetAddress.getByName("127.0.0.12"))),
        active, epoch, 5);
  }

  private static byte[] query(int id) throws Exception {
    Message query = Message.newQuery(Record.newRecord(Name.fromString("land.gov.example."), Type.A, DClass.IN));
    query.getHeader().setID(id);
    return query.toWire();
  }

  @Test
  void shouldGiveExactlyTheRespondersAnswerWithEachQuerysOwnId() throws Exception {
    Responder plain = new Responder(1232);
    CachingResponder cached = new CachingResponder(plain);
    ZoneSnapshot zone = zone("home", 1);
    for (int id : new int[] {1, 4711, 65535}) {
      byte[] q = query(id);
      byte[] expected = plain.respond(q, q.length, zone, false).orElseThrow();
      assertThat(cached.respond(q, q.length, zone, false).orElseThrow()).isEqualTo(expected);
      assertThat(new Message(expected).getHeader().getID()).isEqualTo(id);
    }
  }

  @Test
  void shouldAnswerFromTheNewZoneAfterAChangeOfActiveSite() throws Exception {
    CachingResponder cached = new CachingResponder(new Responder(1232));
    byte[] q = query(7);
    cached.respond(q, q.length, zone("home", 1), false);

    Message after = new Message(cached.respond(q, q.length, zone("lux", 2), false).orElseThrow());

    assertThat(after.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("127.0.0.12");
  }
}
