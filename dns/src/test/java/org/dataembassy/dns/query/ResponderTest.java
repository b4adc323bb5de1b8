package org.dataembassy.dns.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dataembassy.dns.zone.ZoneSnapshot;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ResponderTest {

  private static final Responder RESPONDER = new Responder(1232);

  private static ZoneSnapshot zone(String active, long epoch) throws Exception {
    return new ZoneSnapshot(
        "gov.example",
        List.of("land", "auth", "sign"),
        Map.of(
            "home", List.of(InetAddress.getByName("127.0.0.11")),
            "lux", List.of(InetAddress.getByName("127.0.0.12")),
            "emb2", List.of(InetAddress.getByName("127.0.0.13"))),
        active,
        epoch,
        5);
  }

  private static Message ask(String name, int type, ZoneSnapshot zone) throws Exception {
    return ask(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)), zone, false);
  }

  private static Message ask(Message query, ZoneSnapshot zone, boolean tcp) throws Exception {
    byte[] wire = query.toWire();
    return new Message(RESPONDER.respond(wire, wire.length, zone, tcp).orElseThrow());
  }

  @Test
  void shouldAnswerAServiceNameWithTheActiveSiteAuthoritatively() throws Exception {
    Message answer = ask("land.gov.example.", Type.A, zone("lux", 2));

    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(answer.getHeader().getFlag(Flags.RA)).isFalse();
    assertThat(answer.getSection(Section.ANSWER)).singleElement()
        .satisfies(r -> {
          assertThat(r.rdataToString()).isEqualTo("127.0.0.12");
          assertThat(r.getTTL()).isEqualTo(5);
        });
  }

  @Test
  void shouldAnswerLikeEverySiteAtTheSameEpochAndRaiseTheSerialWithIt() throws Exception {
    Message before = ask("gov.example.", Type.SOA, zone("home", 1));
    Message after = ask("gov.example.", Type.SOA, zone("lux", 2));

    long serialBefore = ((SOARecord) before.getSection(Section.ANSWER).get(0)).getSerial();
    long serialAfter = ((SOARecord) after.getSection(Section.ANSWER).get(0)).getSerial();
    assertThat(serialAfter).isGreaterThan(serialBefore);
    assertThat(ask("auth.gov.example.", Type.A, zone("lux", 2)).toString().replaceAll("id: \\d+", ""))
        .isEqualTo(ask("auth.gov.example.", Type.A, zone("lux", 2)).toString().replaceAll("id: \\d+", ""));
  }

  @Test
  void shouldGiveNodataWithTheSoaForAaaaOfAnIpv4OnlySite() throws Exception {
    Message answer = ask("sign.gov.example.", Type.AAAA, zone("home", 1));

    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getSection(Section.ANSWER)).isEmpty();
    assertThat(answer.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
  }

  @Test
  void shouldListEverySiteAsNameServerWithGlue() throws Exception {
    Message answer = ask("gov.example.", Type.NS, zone("home", 1));

    assertThat(answer.getSection(Section.ANSWER)).extracting(Record::rdataToString)
        .containsExactlyInAnyOrder("ns.home.gov.example.", "ns.lux.gov.example.", "ns.emb2.gov.example.");
    assertThat(answer.getSection(Section.ADDITIONAL)).extracting(Record::rdataToString)
        .containsExactlyInAnyOrder("127.0.0.11", "127.0.0.12", "127.0.0.13");
  }

  @Test
  void shouldSayNxdomainWithTheSoaForAnUnknownNameInTheZone() throws Exception {
    Message answer = ask("nope.gov.example.", Type.A, zone("home", 1));

    assertThat(answer.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(answer.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
  }

  @Test
  void shouldRefuseNamesOutsideTheZoneAndOtherClasses() throws Exception {
    assertThat(ask("example.org.", Type.A, zone("home", 1)).getRcode()).isEqualTo(Rcode.REFUSED);
    Message chaos = Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH));
    assertThat(ask(chaos, zone("home", 1), false).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void shouldAnswerAnyWithASubset() throws Exception {
    Message answer = ask("land.gov.example.", Type.ANY, zone("home", 1));

    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getSection(Section.ANSWER)).extracting(Record::getType).containsOnly(Type.A);
  }

  @Test
  void shouldEchoEdnsAndTruncateOnlyWhatDoesNotFitOverUdp() throws Exception {
    ZoneSnapshot many = manySitesZone();
    Message query = Message.newQuery(Record.newRecord(Name.fromString("gov.example."), Type.NS, DClass.IN));
    Message udp = ask(query, many, false);
    assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
    Message tcp = ask(query, many, true);
    assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(tcp.getSection(Section.ANSWER)).hasSize(40);

    query.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    Message edns = ask(query, many, false);
    assertThat(edns.getOPT()).isNotNull();
    assertThat(edns.getOPT().getPayloadSize()).isEqualTo(1232);
    assertThat(edns.getHeader().getFlag(Flags.TC)).isFalse(); // fits in 1232
  }

  @Test
  void shouldAnswerBadversToAnUnknownEdnsVersion() throws Exception {
    Message query = Message.newQuery(Record.newRecord(Name.fromString("land.gov.example."), Type.A, DClass.IN));
    query.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);

    Message answer = ask(query, zone("home", 1), false);

    assertThat(answer.getRcode()).isEqualTo(Rcode.BADVERS);
  }

  @Test
  void shouldDropShortPacketsAndResponsesAndAnswerGarbageWithFormerr() throws Exception {
    ZoneSnapshot zone = zone("home", 1);
    assertThat(RESPONDER.respond(new byte[5], 5, zone, false)).isEmpty();
    byte[] response = ask("land.gov.example.", Type.A, zone).toWire();
    assertThat(RESPONDER.respond(response, response.length, zone, false)).isEmpty();

    byte[] garbage = Message.newQuery(Record.newRecord(Name.fromString("land.gov.example."), Type.A, DClass.IN)).toWire();
    byte[] cut = Arrays.copyOf(garbage, garbage.length - 3); // question cut short
    Optional<byte[]> answer = RESPONDER.respond(cut, cut.length, zone, false);
    assertThat(answer).isPresent();
    Message formerr = new Message(answer.get());
    assertThat(formerr.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(formerr.getHeader().getID()).isEqualTo(((garbage[0] & 0xFF) << 8) | (garbage[1] & 0xFF));
  }

  @Test
  void shouldAnswerServfailWhileThisSitesControlPlaneIsNotCurrent() throws Exception {
    ZoneSnapshot stale = new ZoneSnapshot("gov.example", List.of("land"),
        Map.of("home", List.of(InetAddress.getByName("127.0.0.11"))), "home", 3, 5, false);

    Message answer = ask("land.gov.example.", Type.A, stale);

    assertThat(answer.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(answer.getSection(Section.ANSWER)).isEmpty();
    assertThat(answer.getHeader().getFlag(Flags.AA)).isFalse();
  }

  @Test
  void shouldAnswerNotimpToOtherOpcodes() throws Exception {
    Message update = Message.newQuery(Record.newRecord(Name.fromString("gov.example."), Type.SOA, DClass.IN));
    update.getHeader().setOpcode(Opcode.UPDATE);

    assertThat(ask(update, zone("home", 1), false).getRcode()).isEqualTo(Rcode.NOTIMP);
  }

  @Test
  void shouldSurviveACompressionLoop() throws Exception {
    byte[] query = Message.newQuery(Record.newRecord(Name.fromString("land.gov.example."), Type.A, DClass.IN)).toWire();
    // the question name becomes a compression pointer to itself (offset 12)
    byte[] loop = Arrays.copyOf(query, 12 + 2 + 4);
    loop[12] = (byte) 0xC0;
    loop[13] = 12;
    System.arraycopy(query, query.length - 4, loop, 14, 4);

    Message answer = new Message(RESPONDER.respond(loop, loop.length, zone("home", 1), false).orElseThrow());

    assertThat(answer.getRcode()).isEqualTo(Rcode.FORMERR);
  }

  private static ZoneSnapshot manySitesZone() throws Exception {
    Map<String, List<InetAddress>> sites = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      sites.put("site" + i, List.of(InetAddress.getByName("10.0.0." + (i + 1))));
    }
    return new ZoneSnapshot("gov.example", List.of("land"), sites, "site0", 1, 5);
  }
}
