package org.dataembassy.failover.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dataembassy.runtime.client.PeerSiteClient;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.journal.JournalCodec;

/**
 * Gathers the sites' votes on a proposed change of active site: this site's own, and every other
 * asked site's over HTTPS ({@code POST /sites/self/promotion-votes}), all at once and within one
 * deadline. Returns the votes it got and why the others did not vote; whether they suffice is
 * {@link PromotionAgreement}'s to say, at every site.
 */
@ApplicationScoped
public class VoteCollector {

  static final String PATH = "/sites/self/promotion-votes";

  @Inject PeerSiteClient peers;
  @Inject PromotionVoter voter;
  @Inject SiteConfig site;

  /** The votes gathered, and for each site that gave none, why. */
  public record Votes(List<PromotionVote> votes, Map<String, String> missing) {}

  /**
   * @param own this site's own ballot on the request, if it votes (null: it does not)
   * @param others the other sites to ask
   */
  public Votes collect(VoteRequest request, PromotionVoter.Ballot own, Collection<String> others, Duration timeout) {
    List<PromotionVote> votes = new ArrayList<>();
    Map<String, String> missing = new LinkedHashMap<>();
    if (own != null) {
      if (own.vote() != null) {
        votes.add(own.vote());
      } else {
        missing.put(site.id(), own.refusal());
      }
    }
    Map<String, CompletableFuture<JsonNode>> asked = new LinkedHashMap<>();
    for (String other : others) {
      if (!other.equals(site.id())) {
        asked.put(other, peers.postJson(other, PATH, request, timeout));
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Map.Entry<String, CompletableFuture<JsonNode>> answer : asked.entrySet()) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        JsonNode body = answer.getValue().get(left, TimeUnit.NANOSECONDS);
        PromotionVote vote = JournalCodec.json().treeToValue(body, PromotionVote.class);
        if (vote.voter() != null && vote.voter().equals(answer.getKey())) {
          votes.add(vote);
        } else {
          missing.put(answer.getKey(), "answered with a vote of " + vote.voter());
        }
      } catch (java.util.concurrent.ExecutionException e) {
        missing.put(answer.getKey(), String.valueOf(e.getCause() == null ? e : e.getCause().getMessage()));
      } catch (java.util.concurrent.TimeoutException e) {
        answer.getValue().cancel(true);
        missing.put(answer.getKey(), "no vote within " + timeout.toMillis() + " ms");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        missing.put(answer.getKey(), "interrupted");
      } catch (Exception e) {
        missing.put(answer.getKey(), e.toString());
      }
    }
    return new Votes(votes, missing);
  }
}
