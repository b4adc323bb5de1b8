package org.dataembassy.failover.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dataembassy.failover.ControlCommand.Promote;
import org.dataembassy.failover.PromotionKind;
import org.junit.jupiter.api.Test;

/**
 * No single site makes a site active: what a promotion needs before any site takes it. Each case
 * is one way the host of one embassy (lux) would try to make itself active with its own files and
 * keys, or a way a change could drop acknowledged journal entries.
 */
class PromotionAgreementTest {

  private static final VotingSites SITES = new VotingSites();
  private final PromotionAgreement agreement = SITES.agreement();

  private static final PromotionKind FAILOVER = PromotionKind.FAILOVER;
  private static final PromotionKind SWITCHOVER = PromotionKind.SWITCHOVER;

  @Test
  void shouldTakeAFailoverAgreedByAMajorityIncludingTheCandidate() {
    assertThat(agreement.refusal(SITES.promote("lux", 1, "home", FAILOVER, 10, "lux", "emb2"), "home")).isEmpty();
    assertThat(agreement.majority()).isEqualTo(2);
  }

  @Test
  void shouldRefuseAPromotionOnlyTheCandidateVotedFor() {
    // lux leads the Raft group and commits its own promotion with its own vote
    assertThat(agreement.refusal(SITES.promote("lux", 1, "home", FAILOVER, 10, "lux"), "home"))
        .hasValueSatisfying(why -> assertThat(why).contains("1 of 3 sites agreed"));
    assertThat(agreement.refusal(SITES.promote("lux", 1, "home", FAILOVER, 10), "home")).isPresent();
  }

  @Test
  void shouldRefuseAVoteSignedWithAnotherSitesKey() {
    // lux signs emb2's vote with its own key: it holds no other
    Promote forged =
        new Promote("lux", 1, 10, FAILOVER, "test", "lux", 0,
            List.of(
                SITES.vote("lux", FAILOVER, 1, "home", "lux", 10),
                SITES.vote("emb2", "lux", FAILOVER, 1, "home", "lux", 10, 8)));
    assertThat(agreement.refusal(forged, "home")).hasValueSatisfying(why -> assertThat(why).contains("emb2's vote is not signed by emb2"));
  }

  @Test
  void shouldRefuseAVoteTwiceOrFromNoSite() {
    PromotionVote lux = SITES.vote("lux", FAILOVER, 1, "home", "lux", 10);
    assertThat(agreement.refusal(new Promote("lux", 1, 10, FAILOVER, "t", "lux", 0, List.of(lux, lux)), "home"))
        .hasValueSatisfying(why -> assertThat(why).contains("two votes from lux"));
    PromotionVote stranger = SITES.vote("lux", FAILOVER, 1, "home", "lux", 10).withSignature("AAAA");
    PromotionVote renamed =
        new PromotionVote(FAILOVER, "mallory", 1, "home", "lux", 10, 0, 8, 0, stranger.signature());
    assertThat(agreement.refusal(new Promote("lux", 1, 10, FAILOVER, "t", "lux", 0, List.of(lux, renamed)), "home"))
        .hasValueSatisfying(why -> assertThat(why).contains("no site of the federation"));
  }

  @Test
  void shouldRefuseAVoteGivenForAnotherChange() {
    // emb2 agreed to promote lux from epoch 1: that vote is no good for epoch 2, nor for emb2, nor another start
    PromotionVote emb2 = SITES.vote("emb2", FAILOVER, 1, "home", "lux", 10);
    for (Promote reused :
        List.of(
            new Promote("lux", 2, 10, FAILOVER, "t", "lux", 0, List.of(SITES.vote("lux", FAILOVER, 2, "home", "lux", 10), emb2)),
            new Promote("lux", 1, 11, FAILOVER, "t", "lux", 0, List.of(SITES.vote("lux", FAILOVER, 1, "home", "lux", 11), emb2)),
            new Promote("lux", 1, 10, SWITCHOVER, "t", "lux", 0, List.of(SITES.vote("lux", SWITCHOVER, 1, "home", "lux", 10), emb2)))) {
      assertThat(agreement.refusal(reused, "home")).hasValueSatisfying(why -> assertThat(why).contains("emb2's vote is for another change"));
    }
    // nor when the active site it saw is not the one being replaced
    assertThat(agreement.refusal(SITES.promote("lux", 1, "home", FAILOVER, 10, "lux", "emb2"), "emb2")).isPresent();
  }

  @Test
  void shouldRefuseAChangeThatWouldDropEntriesAVoterHolds() {
    // emb2 holds entry 10: a new epoch starting at 10 would drop it
    Promote promote =
        new Promote("lux", 1, 10, FAILOVER, "t", "lux", 0,
            List.of(SITES.vote("lux", FAILOVER, 1, "home", "lux", 10), SITES.vote("emb2", "emb2", FAILOVER, 1, "home", "lux", 10, 10)));
    assertThat(agreement.refusal(promote, "home")).hasValueSatisfying(why -> assertThat(why).contains("past the new epoch's start"));
    // and the candidate must hold everything before the start
    Promote behind =
        new Promote("lux", 1, 10, FAILOVER, "t", "emb2", 0,
            List.of(SITES.vote("lux", "lux", FAILOVER, 1, "home", "lux", 10, 7), SITES.vote("emb2", FAILOVER, 1, "home", "lux", 10)));
    assertThat(agreement.refusal(behind, "home")).hasValueSatisfying(why -> assertThat(why).contains("did not vote that it holds"));
  }

  @Test
  void shouldRefuseAFailoverTheActiveSiteVotedFor() {
    assertThat(agreement.refusal(SITES.promote("lux", 1, "home", FAILOVER, 10, "lux", "home"), "home"))
        .hasValueSatisfying(why -> assertThat(why).contains("voted for its own failover"));
  }

  @Test
  void shouldTakeASwitchoverOnlyWithTheActiveSitesVote() {
    assertThat(agreement.refusal(SITES.promote("lux", 1, "home", SWITCHOVER, 10, "home", "lux"), "home")).isEmpty();
    assertThat(agreement.refusal(SITES.promote("lux", 1, "home", SWITCHOVER, 10, "lux", "emb2"), "home"))
        .hasValueSatisfying(why -> assertThat(why).contains("needs the active site"));
  }

  @Test
  void shouldTakeAResumeOnlyFromTheActiveSiteForItself() {
    assertThat(agreement.refusal(SITES.promote("home", 1, "home", PromotionKind.RESUME, 10, "home"), "home")).isEmpty();
    // lux "resumes" itself while home is active
    assertThat(agreement.refusal(SITES.promote("lux", 1, "home", PromotionKind.RESUME, 10, "lux"), "home")).isPresent();
  }

  @Test
  void shouldTakeAForcedPromotionOnlyByAnOperatorsSignedOrder() {
    Promote ordered =
        new Promote("emb2", 1, 10, PromotionKind.FORCED, "drill", "operator", 0, List.of(), SITES.order("emb2", 1, org.dataembassy.runtime.security.OperatorRole.OPERATOR));
    assertThat(agreement.refusal(ordered, "home")).isEmpty();
    // lux forces itself with no order, with emb2's order, or with an auditor's
    assertThat(agreement.refusal(new Promote("lux", 1, 10, PromotionKind.FORCED, "x", "lux", 0, List.of()), "home"))
        .hasValueSatisfying(why -> assertThat(why).contains("needs an operator's signed order"));
    assertThat(agreement.refusal(new Promote("lux", 1, 10, PromotionKind.FORCED, "x", "lux", 0, List.of(), ordered.order()), "home"))
        .hasValueSatisfying(why -> assertThat(why).contains("order is for emb2"));
    Promote byAuditor =
        new Promote("lux", 1, 10, PromotionKind.FORCED, "x", "lux", 0, List.of(), SITES.order("lux", 1, org.dataembassy.runtime.security.OperatorRole.AUDITOR));
    assertThat(agreement.refusal(byAuditor, "home")).hasValueSatisfying(why -> assertThat(why).contains("not an operator's"));
    OperatorOrder o = ordered.order();
    OperatorOrder tampered = new OperatorOrder("emb2", 1, "another reason", o.atMillis(), o.certificate(), o.signature());
    assertThat(agreement.refusal(new Promote("emb2", 1, 10, PromotionKind.FORCED, "x", "x", 0, List.of(), tampered), "home"))
        .hasValueSatisfying(why -> assertThat(why).contains("signature does not verify"));
  }
}
