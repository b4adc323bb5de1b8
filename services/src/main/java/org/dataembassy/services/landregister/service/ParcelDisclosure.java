package org.dataembassy.services.landregister.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.dataembassy.runtime.identity.PersonalCode;
import org.dataembassy.runtime.limits.AddressRateLimiter;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;
import org.dataembassy.runtime.security.Caller;
import org.dataembassy.runtime.security.Role;
import org.dataembassy.services.landregister.HistoryEntryView;
import org.dataembassy.services.landregister.ParcelView;
import org.dataembassy.services.landregister.config.LandRegisterConfig;

/**
 * What a reader of a parcel sees. As public land registers do, anyone sees a parcel, its owners'
 * names and shares, its mortgages and its history — but no personal code: those take the session
 * of a current owner, a notary's or an operator's. Anonymous reads are rate-limited per client
 * address (cadastral ids can be enumerated).
 */
@ApplicationScoped
public class ParcelDisclosure {

  private static final String PERSONAL_CODE = "personalCode";

  @Inject LandRegisterConfig config;

  private AddressRateLimiter limiter;

  @PostConstruct
  void limits() {
    if (config.anonymousReadBurst() > 0) {
      limiter = new AddressRateLimiter(config.anonymousReadBurst(), config.anonymousReadRefill(), 100_000, Clock.systemUTC());
    }
  }

  /** 429 with Retry-After if an anonymous {@code caller} at {@code address} reads too often. */
  public void admit(Caller caller, String address) {
    if (!caller.isAnonymous() || limiter == null) {
      return;
    }
    OptionalLong wait = limiter.acquire(address);
    if (wait.isPresent()) {
      throw new ProblemException(
          CommonProblem.RATE_LIMITED, "Too many anonymous reads from this address; log in or try again in " + wait.getAsLong() + " s.",
          List.of(), (int) wait.getAsLong());
    }
  }

  /** Whether {@code caller} sees the owners' personal codes of {@code parcel}. */
  public boolean seesPersonalCodes(Caller caller, ParcelView parcel) {
    if (caller.isOperator() || caller.has(Role.NOTARY)) {
      return true;
    }
    return !caller.isAnonymous() && parcel.owners().stream().anyMatch(o -> caller.is(o.personalCode()));
  }

  public ParcelView forReader(Caller caller, ParcelView parcel) {
    if (seesPersonalCodes(caller, parcel)) {
      return parcel;
    }
    return new ParcelView(
        parcel.cadastralId(), parcel.address(), parcel.areaM2(), parcel.purpose(),
        parcel.owners().stream().map(o -> new ParcelView.OwnerView(null, o.name(), o.share())).toList(),
        parcel.mortgages(), parcel.version(), parcel.sequence());
  }

  /** The history as {@code caller} may see it, given who owns the parcel now. */
  public List<HistoryEntryView> forReader(Caller caller, ParcelView current, List<HistoryEntryView> history) {
    if (current != null && seesPersonalCodes(caller, current)) {
      return history;
    }
    return history.stream()
        .map(h -> new HistoryEntryView(h.sequence(), h.epoch(), h.type(), h.timestamp(), h.site(), withoutPersonalCodes(h.change())))
        .toList();
  }

  /** A copy of {@code change} without any personal code: a {@code personalCode} field, or any value that is one. */
  static JsonNode withoutPersonalCodes(JsonNode change) {
    if (change == null) {
      return null;
    }
    JsonNode copy = change.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().equals(PERSONAL_CODE) || isPersonalCode(field.getValue())) {
          fields.remove();
        } else {
          strip(field.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = array.size() - 1; i >= 0; i--) {
        if (isPersonalCode(array.get(i))) {
          array.remove(i);
        } else {
          strip(array.get(i));
        }
      }
    }
  }

  private static boolean isPersonalCode(JsonNode value) {
    return value.isTextual() && PersonalCode.problemWith(value.asText()) == null;
  }

}
