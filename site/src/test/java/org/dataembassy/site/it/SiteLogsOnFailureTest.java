package org.dataembassy.site.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failed multi-process test's message ends with each site's last operator warnings. */
class SiteLogsOnFailureTest {

  static FederationHarness sites;

  @Test
  void shouldAppendEachSitesLastOperatorWarningsToTheFailure() throws Exception {
    sites = new FederationHarness("logs-on-failure", "127.0.0.251", List.of());
    for (String site : List.of("home", "lux", "emb2")) {
      Path log = sites.federation().processes().logFile(site);
      Files.createDirectories(log.getParent());
      List<String> lines = new ArrayList<>();
      for (int i = 1; i <= 12; i++) {
        lines.add("20:27:51.7" + i + " WARN  [" + site + "] [o.d.r.j.JournalWriter] EMB-JN-041 epoch " + i + " opened");
        lines.add("20:27:51.7" + i + " INFO  [" + site + "] [o.d.f.s.ControlLoop] EMB-FO-002 epoch " + i);
        lines.add("\tat org.example.Frame.call(Frame.java:" + i + ")");
      }
      Files.write(log, lines);
    }
    AssertionError failure = new AssertionError("expected: 2L but was: 4L");

    Throwable reported = SiteLogsOnFailure.withSiteLogs(SiteLogsOnFailureTest.class, failure);

    assertThat(reported).isInstanceOf(AssertionError.class).hasCause(failure);
    assertThat(reported.getStackTrace()).isEqualTo(failure.getStackTrace());
    String message = reported.getMessage();
    assertThat(message).startsWith("expected: 2L but was: 4L").contains("--- home", "--- lux", "--- emb2");
    assertThat(message).contains("[lux] [o.d.r.j.JournalWriter] EMB-JN-041 epoch 12 opened")
        .doesNotContain("EMB-FO-002", "Frame.java", "EMB-JN-041 epoch 4 opened");
    assertThat(message.lines().filter(l -> l.contains("EMB-JN-041")).count())
        .isEqualTo(3L * SiteLogsOnFailure.LINES_PER_SITE);
  }

  @Test
  void shouldLeaveOtherFailuresAlone() {
    AssertionError failure = new AssertionError("plain");
    assertThat(SiteLogsOnFailure.withSiteLogs(String.class, failure)).isSameAs(failure);
  }
}
