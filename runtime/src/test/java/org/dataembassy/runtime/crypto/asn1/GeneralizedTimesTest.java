package org.dataembassy.runtime.crypto.asn1;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GeneralizedTimesTest {

  private static String text(String instant) throws Exception {
    return GeneralizedTimes.of(Instant.parse(instant)).getTimeString();
  }

  @Test
  void shouldWriteDerTimesWithoutTrailingZerosInTheFraction() throws Exception {
    assertThat(text("2026-11-22T15:04:05.123Z")).isEqualTo("20261122150405.123Z");
    assertThat(text("2026-11-22T15:04:05.120Z")).isEqualTo("20261122150405.12Z");
    assertThat(text("2026-11-22T15:04:05.100Z")).isEqualTo("20261122150405.1Z");
    assertThat(text("2026-11-22T15:04:05Z")).isEqualTo("20261122150405Z");
    assertThat(text("0999-01-02T03:04:05.006Z")).isEqualTo("09990102030405.006Z");
  }

  @Test
  void shouldReadBackAsTheSameInstantToTheMillisecond() throws Exception {
    Instant t = Instant.parse("2026-11-22T23:59:59.987654321Z");
    assertThat(GeneralizedTimes.of(t).getDate().toInstant()).isEqualTo(Instant.parse("2026-11-22T23:59:59.987Z"));
  }
}
