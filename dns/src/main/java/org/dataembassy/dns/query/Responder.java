package org.dataembassy.dns.query;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.dataembassy.dns.zone.ZoneSnapshot;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Turns one query, as received, into the response to send — or into nothing, when it must be
 * dropped. Pure and thread-safe: the serving loop calls it for every packet.
 *
 * <ul>
 *   <li>Fewer than 12 bytes, or a packet with the QR bit set (a response: answering it could start
 *       a loop between servers): dropped.
 *   <li>Not parseable (truncated, garbage, compression loops — dnsjava refuses them), or not
 *       exactly one question: FORMERR. Opcodes other than QUERY: NOTIMP.
 *   <li>Class other than IN (or ANY), or a name outside the zone: REFUSED (authoritative only, no
 *       recursion: RA stays clear).
 *   <li>EDNS(0): our OPT in every answer to a client that sent one, advertising our UDP size; an
 *       EDNS version above 0: BADVERS. Over UDP an answer larger than the client's size (512 without
 *       EDNS) is truncated with TC set, and the client retries over TCP for all of it.
 * </ul>
 */
public final class Responder {

  /** The DNS header: anything shorter is not a DNS message at all. */
  private static final int HEADER_LENGTH = 12;
  private static final int CLASSIC_UDP_SIZE = 512;
  private static final int TCP_MAX = 65_535;

  private final int ednsUdpSize;

  public Responder(int ednsUdpSize) {
    this.ednsUdpSize = Math.max(CLASSIC_UDP_SIZE, ednsUdpSize);
  }

  /** The response to {@code packet[0..length)}, or empty to drop it. */
  public Optional<byte[]> respond(byte[] packet, int length, ZoneSnapshot zone, boolean tcp) {
    if (length < HEADER_LENGTH || (packet[2] & 0x80) != 0) {
      return Optional.empty();
    }
    Message query;
    try {
      query = new Message(length == packet.length ? packet : Arrays.copyOf(packet, length));
    } catch (IOException | RuntimeException e) {
      return Optional.of(bare(packet, Rcode.FORMERR));
    }
    Header header = query.getHeader();
    Message response = new Message(header.getID());
    Header out = response.getHeader();
    out.setFlag(Flags.QR);
    out.setOpcode(header.getOpcode());
    if (header.getFlag(Flags.RD)) {
      out.setFlag(Flags.RD);
    }
    OPTRecord clientOpt = query.getOPT();
    int udpLimit = clientOpt == null ? CLASSIC_UDP_SIZE : Math.max(CLASSIC_UDP_SIZE, Math.min(clientOpt.getPayloadSize(), ednsUdpSize));
    if (clientOpt != null) {
      response.addRecord(new OPTRecord(ednsUdpSize, 0, 0), Section.ADDITIONAL);
    }
    if (header.getOpcode() != Opcode.QUERY) {
      out.setRcode(Rcode.NOTIMP);
      return Optional.of(response.toWire(tcp ? TCP_MAX : udpLimit));
    }
    if (header.getCount(Section.QUESTION) != 1) {
      out.setRcode(Rcode.FORMERR);
      return Optional.of(response.toWire(tcp ? TCP_MAX : udpLimit));
    }
    Record question = query.getQuestion();
    response.addRecord(question, Section.QUESTION);
    if (clientOpt != null && clientOpt.getVersion() > 0) {
      response.getHeader().setRcode(Rcode.NOERROR);
      setBadVersion(response);
      return Optional.of(response.toWire(tcp ? TCP_MAX : udpLimit));
    }
    int dclass = question.getDClass();
    if ((dclass != DClass.IN && dclass != DClass.ANY) || !zone.contains(question.getName())) {
      out.setRcode(Rcode.REFUSED);
      return Optional.of(response.toWire(tcp ? TCP_MAX : udpLimit));
    }
    out.setFlag(Flags.AA);
    zone.answer(question.getName(), question.getType(), response);
    return Optional.of(response.toWire(tcp ? TCP_MAX : udpLimit));
  }

  /** BADVERS (16) is an extended RCODE: its upper bits travel in the OPT record (RFC 6891). */
  private void setBadVersion(Message response) {
    for (Record r : response.getSection(Section.ADDITIONAL)) {
      if (r instanceof OPTRecord) {
        response.removeRecord(r, Section.ADDITIONAL);
      }
    }
    response.addRecord(new OPTRecord(ednsUdpSize, Rcode.BADVERS >>> 4, 0), Section.ADDITIONAL);
    response.getHeader().setRcode(Rcode.BADVERS & 0xF);
  }

  /** A response with only a header: the query's id and opcode, QR set, {@code rcode}. */
  private static byte[] bare(byte[] packet, int rcode) {
    Message response = new Message(((packet[0] & 0xFF) << 8) | (packet[1] & 0xFF));
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setOpcode((packet[2] >>> 3) & 0xF);
    response.getHeader().setRcode(rcode);
    return response.toWire();
  }
}
