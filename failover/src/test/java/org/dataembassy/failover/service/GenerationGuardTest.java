package org.dataembassy.failover.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dataembassy.failover.agreement.OperatorOrder;
import org.dataembassy.failover.agreement.VotingSites;
import org.dataembassy.runtime.journal.JournalCodec;
import org.dataembassy.runtime.security.OperatorRole;
import org.junit.jupiter.api.Test;

/** A peer that merely reports a higher generation does not make a site leave its Raft group. */
class GenerationGuardTest {

  private static final VotingSites SITES = new VotingSites();

  private static JsonNode history(String kind, String site, OperatorOrder order) {
    ArrayNode history = JournalCodec.json().createArrayNode();
    ObjectNode change = history.addObject().put("kind", kind).put("site", site);
    if (order != null) {
      change.set("order", JournalCodec.json().valueToTree(order));
    }
    return history;
  }

  @Test
  void shouldBelieveAGenerationOnlyWithTheOperatorsOrderForIt() throws Exception {
    var ca = SITES.stateCa();
    OperatorOrder order = SITES.order("home", 1, OperatorRole.OPERATOR);
    assertThat(GenerationGuard.unproven(history("FORCED", "home", order), 1, ca)).isEmpty();
    assertThat(GenerationGuard.unproven(JournalCodec.json().createArrayNode(), 0, ca)).isEmpty();
    // lux claims generation 7 with nothing, with home's order for generation 1, or an auditor's order
    assertThat(GenerationGuard.unproven(JournalCodec.json().createArrayNode(), 7, ca)).isPresent();
    assertThat(GenerationGuard.unproven(history("FORCED", "home", order), 7, ca)).isPresent();
    assertThat(GenerationGuard.unproven(history("FORCED", "lux", SITES.order("lux", 2, OperatorRole.AUDITOR)), 2, ca)).isPresent();
    // an order claimed for another site than the change's
    assertThat(GenerationGuard.unproven(history("FORCED", "lux", order), 1, ca)).isPresent();
  }
}
