package org.dataembassy.dns.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ServiceRecordsUpdateTest {

  @Test
  void shouldReplaceEveryServiceNamesAddressesAndMarkTheEpochInOneUpdate() throws Exception {
    Message update =
        ServiceRecordsUpdate.build(
            "gov.example", List.of("land", "auth"), List.of(InetAddress.getByName("127.0.0.12")), 5, "lux", 2);

    assertThat(update.getHeader().getOpcode()).isEqualTo(Opcode.UPDATE);
    assertThat(update.getSection(Section.ZONE)).singleElement()
        .satisfies(z -> assertThat(z.getName().toString()).isEqualTo("gov.example."));
    List<Record> changes = update.getSection(Section.UPDATE);
    // RFC 2136 §2.5.2: a delete of an RRset has class ANY and no data
    assertThat(changes).filteredOn(r -> r.getDClass() == DClass.ANY)
        .extracting(r -> r.getName() + " " + Type.string(r.getType()))
        .containsExactlyInAnyOrder(
            "land.gov.example. A", "land.gov.example. AAAA", "auth.gov.example. A", "auth.gov.example. AAAA",
            "_embassy.gov.example. TXT");
    assertThat(changes).filteredOn(r -> r.getDClass() == DClass.IN)
        .extracting(r -> r.getName() + " " + r.getTTL() + " " + Type.string(r.getType()) + " " + r.rdataToString())
        .containsExactlyInAnyOrder(
            "land.gov.example. 5 A 127.0.0.12", "auth.gov.example. 5 A 127.0.0.12",
            "_embassy.gov.example. 5 TXT \"active=lux epoch=2\"");
  }
}
