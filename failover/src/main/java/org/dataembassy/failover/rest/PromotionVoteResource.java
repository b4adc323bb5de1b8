package org.dataembassy.failover.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.dataembassy.failover.FailoverProblem;
import org.dataembassy.failover.agreement.PromotionVote;
import org.dataembassy.failover.agreement.PromotionVoter;
import org.dataembassy.failover.agreement.VoteRequest;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;

/**
 * Site-to-site: this site's signed vote on a proposed failover or switchover, or a 409 problem
 * saying why it does not agree. Asking is harmless: a site signs only what it sees itself, and a
 * vote is good for exactly one change of one epoch.
 */
@Path("/sites/self/promotion-votes")
@Produces(MediaType.APPLICATION_JSON)
public class PromotionVoteResource {

  @Inject PromotionVoter voter;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public PromotionVote vote(VoteRequest request) {
    if (request == null || request.kind() == null || request.candidate() == null) {
      throw new ProblemException(
          CommonProblem.VALIDATION_FAILED, "Send {\"kind\",\"fromEpoch\",\"candidate\",\"startSequence\"}.");
    }
    PromotionVoter.Ballot ballot = voter.voteFor(request);
    if (ballot.vote() == null) {
      throw new ProblemException(FailoverProblem.VOTE_REFUSED, ballot.refusal());
    }
    return ballot.vote();
  }
}
