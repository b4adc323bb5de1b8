package org.dataembassy.runtime.forwarding;

import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.StreamResetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writes this site has forwarded and not had answered yet, by the site they went to. When that
 * site is deposed and no longer connected (cut off, or dead), waiting for its answer would hold the
 * client until the forwarding timeout; such writes are abandoned instead, and the client is told
 * to retry (with its Idempotency-Key, the retry finds the outcome if there was one).
 */
final class InFlightForwards {

  private final Map<HttpClientRequest, String> requests = new ConcurrentHashMap<>();

  void sent(HttpClientRequest request, String site) {
    requests.put(request, site);
    request.response().onComplete(done -> requests.remove(request));
  }

  /**
   * Abandons the writes sent to a site that is now neither active nor connected to this site's
   * control plane; returns the sites abandoned.
   */
  List<String> abandonLost(Optional<String> active, Optional<Set<String>> connected) {
    List<String> abandoned = new ArrayList<>();
    if (connected.isEmpty()) {
      return abandoned; // without a control plane nothing says a site is lost
    }
    requests.forEach(
        (request, site) -> {
          boolean lost = !active.map(site::equals).orElse(false) && !connected.get().contains(site);
          if (lost && requests.remove(request) != null) {
            request.reset(0, new StreamResetException(0, new IllegalStateException("site " + site + " was lost")));
            abandoned.add(site);
          }
        });
    return abandoned;
  }

  int size() {
    return requests.size();
  }
}
