package org.dataembassy.cli.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShutdownOrderTest {

  private static final List<String> SITES = List.of("home", "lux", "emb2");

  @Test
  void shouldStopTheActiveSiteLast() {
    assertThat(LocalFederation.shutdownOrder(SITES, Optional.of("home"))).containsExactly("lux", "emb2", "home");
    assertThat(LocalFederation.shutdownOrder(SITES, Optional.of("lux"))).containsExactly("home", "emb2", "lux");
  }

  @Test
  void shouldKeepTheOrderWithoutAnActiveSite() {
    assertThat(LocalFederation.shutdownOrder(SITES, Optional.empty())).containsExactly("home", "lux", "emb2");
    assertThat(LocalFederation.shutdownOrder(List.of("lux"), Optional.of("home"))).containsExactly("lux");
  }
}
