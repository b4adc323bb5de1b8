package org.dataembassy.cli.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FederationLayoutTest {

  private static final Path ROOT = Path.of("/srv/embassy");

  private final FederationLayout layout = FederationLayout.local(ROOT);

  @Test
  void shouldPlaceHomeLuxAndEmb2OnTheirLoopbackAddresses() {
    assertThat(layout.sites())
        .extracting(SiteSpec::id, SiteSpec::address)
        .containsExactly(
            tuple("home", "127.0.0.11"),
            tuple("lux", "127.0.0.12"),
            tuple("emb2", "127.0.0.13"));
  }

  @Test
  void shouldMakeHomeTheInitiallyActiveSiteWithTheHighestPriority() {
    assertThat(layout.initialActive()).isEqualTo("home");
    assertThat(layout.sites()).extracting(SiteSpec::priority).isSorted().doesNotHaveDuplicates();
    assertThat(layout.sites().get(0).id()).isEqualTo("home");
  }

  @Test
  void shouldBuildTheHttpsUrlOfASiteFromItsAddressAndTheSharedPort() {
    assertThat(layout.url(layout.site("lux").orElseThrow())).isEqualTo("https://127.0.0.12:8443");
    assertThat(layout.url(layout.site("home").orElseThrow())).isEqualTo("https://127.0.0.11:8443");
  }

  @Test
  void shouldKeepTheStateCaCertificateInTheDataDirectory() {
    assertThat(layout.dataDir()).isEqualTo(ROOT.resolve("data"));
    assertThat(layout.caCertificate()).isEqualTo(ROOT.resolve("data").resolve("ca.pem"));
    assertThat(layout.siteDir("emb2")).isEqualTo(ROOT.resolve("data").resolve("emb2"));
    assertThat(layout.siteApp())
        .isEqualTo(ROOT.resolve("site/target/quarkus-app/quarkus-run.jar"));
  }

  @Test
  void shouldResolveARelativeRootToAbsolutePaths() {
    FederationLayout relative = FederationLayout.local(Path.of("."));

    assertThat(relative.dataDir()).isAbsolute();
    assertThat(relative.caCertificate()).isAbsolute();
    assertThat(relative.siteApp()).isAbsolute();
  }

  @Test
  void shouldFindOnlyKnownSites() {
    assertThat(layout.site("emb2")).map(SiteSpec::address).contains("127.0.0.13");
    assertThat(layout.site("nosuchsite")).isEmpty();
  }

  @Test
  void shouldAppendExtraPropertiesWithoutChangingTheOriginalLayout() {
    FederationLayout once = layout.withExtraProperties(List.of("a=1"));
    FederationLayout twice = once.withExtraProperties(List.of("b=2"));

    assertThat(layout.extraProperties()).isEmpty();
    assertThat(once.extraProperties()).containsExactly("a=1");
    assertThat(twice.extraProperties()).containsExactly("a=1", "b=2");
    assertThat(twice.sites()).isEqualTo(layout.sites());
  }
}
