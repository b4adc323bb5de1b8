package org.dataembassy.site.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fencing check: every site's record of when it acknowledged writes (run by run, each in one
 * epoch, {@code /sites/self/acknowledgements}); no two sites may have acknowledged in overlapping
 * periods. The sites of a test share one host clock.
 */
public final class AcknowledgementWindows {

  /** One run of acknowledgements at one site. */
  public record Window(String site, long epoch, Instant first, Instant last, long count) {
    boolean overlaps(Window other) {
      return !last.isBefore(other.first) && !other.last.isBefore(first);
    }
  }

  private final List<Window> windows = new ArrayList<>();

  private AcknowledgementWindows() {}

  /** Reads the windows of the given sites (they must be reachable). */
  public static AcknowledgementWindows of(FederationHarness sites, List<String> siteIds) {
    AcknowledgementWindows all = new AcknowledgementWindows();
    for (String site : siteIds) {
      JsonPath json = sites.at(site).get("/sites/self/acknowledgements").then().statusCode(200).extract().jsonPath();
      List<java.util.Map<String, Object>> list = json.getList("$");
      for (var w : list) {
        all.windows.add(
            new Window(
                site,
                ((Number) w.get("epoch")).longValue(),
                Instant.parse((String) w.get("first")),
                Instant.parse((String) w.get("last")),
                ((Number) w.get("count")).longValue()));
      }
    }
    return all;
  }

  public List<Window> of(String site) {
    return windows.stream().filter(w -> w.site().equals(site)).toList();
  }

  public List<Window> all() {
    return List.copyOf(windows);
  }

  /** Asserts that no two sites ever acknowledged writes at overlapping times. */
  public void assertNoOverlap() {
    for (Window a : windows) {
      for (Window b : windows) {
        if (!a.site().equals(b.site())) {
          assertThat(a.overlaps(b)).as("%s overlaps %s; all: %s", a, b, windows).isFalse();
        }
      }
    }
  }

  @Override
  public String toString() {
    return windows.toString();
  }
}
