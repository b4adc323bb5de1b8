package org.dataembassy.runtime.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import org.dataembassy.runtime.controlplane.SiteRole;
import org.dataembassy.runtime.forwarding.WriteRoute.Forward;
import org.dataembassy.runtime.forwarding.WriteRoute.Refuse;
import org.dataembassy.runtime.forwarding.WriteRoute.Serve;
import org.dataembassy.runtime.forwarding.WriteRoute.Wait;
import org.junit.jupiter.api.Test;

class WriteRouteTest {

  private static final OptionalLong NOT_FORWARDED = OptionalLong.empty();

  @Test
  void shouldServeAtTheActiveSiteWhateverTheForwarderSays() {
    assertThat(WriteRoute.decide("home", SiteRole.ACTIVE, Optional.of("home"), 1, OptionalLong.of(7), 2))
        .isInstanceOf(Serve.class);
  }

  @Test
  void shouldForwardToTheActiveSiteWithThisSitesEpoch() {
    assertThat(WriteRoute.decide("emb2", SiteRole.STANDBY, Optional.of("home"), 4, NOT_FORWARDED, 0))
        .isEqualTo(new Forward("home", 4));
  }

  @Test
  void shouldWaitRatherThanSendBackAWriteFromASiteThatIsAheadOfIt() {
    // home has applied epoch 2 (lux active) and forwards; lux still sees epoch 1 (home active)
    assertThat(WriteRoute.decide("lux", SiteRole.STANDBY, Optional.of("home"), 1, OptionalLong.of(2), 1))
        .isInstanceOf(Wait.class);
  }

  @Test
  void shouldForwardOnAWriteFromASiteThatIsBehind() {
    // emb2 still believes home active (epoch 1); home knows lux is active (epoch 2)
    assertThat(WriteRoute.decide("home", SiteRole.STANDBY, Optional.of("lux"), 2, OptionalLong.of(1), 1))
        .isEqualTo(new Forward("lux", 2));
  }

  @Test
  void shouldWaitForItsFirstLeaseWhenNamedActive() {
    assertThat(WriteRoute.decide("lux", SiteRole.FENCED, Optional.of("lux"), 2, OptionalLong.of(2), 1))
        .isInstanceOf(Wait.class);
  }

  @Test
  void shouldRefuseWhenNoSiteIsActive() {
    assertThat(WriteRoute.decide("lux", SiteRole.STANDBY, Optional.empty(), 2, NOT_FORWARDED, 0))
        .isInstanceOf(Refuse.class);
  }

  @Test
  void shouldRefuseAWriteThatWentRoundTooOften() {
    assertThat(WriteRoute.decide("lux", SiteRole.STANDBY, Optional.of("home"), 2, OptionalLong.of(2), WriteRoute.MAX_HOPS))
        .isInstanceOf(Refuse.class);
  }
}
