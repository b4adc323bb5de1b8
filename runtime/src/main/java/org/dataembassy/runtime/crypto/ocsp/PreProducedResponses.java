package org.dataembassy.runtime.crypto.ocsp;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed OCSP responses kept for requests without a nonce, as RFC 5019 (the lightweight profile)
 * lets a high-volume responder pre-produce them: one certificate's response, with a {@code
 * nextUpdate}, is answered again to the next such request for the same certificate until half its
 * validity has passed or any certificate status changed (the status source's version), whichever
 * comes first — so a revocation is answered at once. Requests with a nonce are always signed anew.
 * At most {@code maxEntries} responses are kept; past that the store starts over (a flood of
 * distinct questions cannot grow the heap).
 */
final class PreProducedResponses {

  /** A response and what it was derived from. */
  record Produced(byte[] der, long version, Instant producedAt, Instant nextUpdate) {}

  private final Map<ByteBuffer, Produced> responses = new ConcurrentHashMap<>();
  private final Duration validity;
  /** How long a kept response is answered again: half its validity. */
  private final Duration reuseFor;
  private final int maxEntries;

  PreProducedResponses(Duration validity, int maxEntries) {
    this.validity = validity;
    this.reuseFor = validity.dividedBy(2);
    this.maxEntries = maxEntries;
  }

  Duration validity() {
    return validity;
  }

  boolean enabled() {
    return maxEntries > 0 && !validity.isZero();
  }

  /** The response kept for this certificate, if it still holds at {@code now} for {@code version}. */
  Optional<Produced> find(byte[] certId, long version, Instant now) {
    Produced p = responses.get(ByteBuffer.wrap(certId));
    if (p == null || p.version() != version || !now.isBefore(p.producedAt().plus(reuseFor))) {
      return Optional.empty();
    }
    return Optional.of(p);
  }

  void keep(byte[] certId, Produced produced) {
    if (responses.size() >= maxEntries) {
      responses.clear();
    }
    responses.put(ByteBuffer.wrap(certId), produced);
  }

  int size() {
    return responses.size();
  }
}
