package org.dataembassy.runtime.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalPathPrefixesTest {

  private final LocalPathPrefixes prefixes = new LocalPathPrefixes(List.of("/q/", "/sites", "/tsa", "/sessions"));

  @Test
  void shouldMatchAPrefixItselfAndWhatIsBelowIt() {
    assertThat(prefixes.matches("/tsa")).isTrue();
    assertThat(prefixes.matches("/sessions/current")).isTrue();
    assertThat(prefixes.matches("/sites/self/control-plane")).isTrue();
  }

  @Test
  void shouldMatchAPrefixGivenWithATrailingSlashWithOrWithoutIt() {
    assertThat(prefixes.matches("/q/health")).isTrue();
    assertThat(prefixes.matches("/q")).isTrue();
    assertThat(prefixes.matches("/q/")).isTrue();
  }

  @Test
  void shouldNotMatchAPathThatOnlyStartsWithTheSameLetters() {
    assertThat(prefixes.matches("/tsa2")).isFalse();
    assertThat(prefixes.matches("/sessionsX/current")).isFalse();
    assertThat(prefixes.matches("/quit")).isFalse();
  }

  @Test
  void shouldNotMatchTheWritesThatGoToTheActiveSite() {
    assertThat(prefixes.matches("/parcels")).isFalse();
    assertThat(prefixes.matches("/parcels/EE-1/transfers")).isFalse();
    assertThat(prefixes.matches("/")).isFalse();
    assertThat(prefixes.matches("")).isFalse();
  }
}
