package org.dataembassy.runtime.sitelink;

import org.dataembassy.runtime.crypto.TestStateRoots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteLinkTrustManagerTest {

  @TempDir Path state;
  @TempDir Path foreign;

  private X509Certificate[] chain(SiteLinkCertificates.Material m) {
    return new X509Certificate[] {m.certificate(), m.ca()};
  }

  @Test
  void shouldAdmitASiteLinkCertificateOfAFederationSiteBothWays() throws Exception {
    var home = TestSiteLinks.ensure(state, "home", "GOV");
    var lux = TestSiteLinks.ensure(state, "lux", "GOV");
    var trust = new SiteLinkTrustManager(home.ca(), List.of("home", "lux", "emb2"));

    assertThatCode(() -> trust.checkClientTrusted(chain(lux), "EC")).doesNotThrowAnyException();
    assertThatCode(() -> trust.checkServerTrusted(chain(lux), "ECDHE_ECDSA")).doesNotThrowAnyException();
    assertThat(SiteLinkTrustManager.siteNamedBy(lux.certificate())).isEqualTo("lux");
  }

  @Test
  void shouldRefuseAnHttpsCertificateOfTheSameStateCa() throws Exception {
    var home = TestSiteLinks.ensure(state, "home", "GOV");
    var https =
        TestStateRoots.in(state, "GOV")
            .issueTlsCertificate("lux.gov.example", List.of("land.gov.example", "lux"), List.of("127.0.0.12"), Duration.ofDays(1));
    var trust = new SiteLinkTrustManager(home.ca(), List.of("home", "lux", "emb2"));

    assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[] {https.certificate(), home.ca()}, "EC"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("names no site of this federation");
  }

  @Test
  void shouldRefuseASiteOutsideTheFederation() throws Exception {
    var home = TestSiteLinks.ensure(state, "home", "GOV");
    var stranger = TestSiteLinks.ensure(state, "stranger", "GOV");
    var trust = new SiteLinkTrustManager(home.ca(), List.of("home", "lux", "emb2"));

    assertThatThrownBy(() -> trust.checkServerTrusted(chain(stranger), "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void shouldRefuseACertificateFromAnotherCa() throws Exception {
    var home = TestSiteLinks.ensure(state, "home", "GOV");
    var impostor = TestSiteLinks.ensure(foreign, "lux", "GOV");
    var trust = new SiteLinkTrustManager(home.ca(), List.of("home", "lux", "emb2"));

    assertThatThrownBy(() -> trust.checkClientTrusted(chain(impostor), "EC"))
        .isInstanceOf(CertificateException.class);
  }
}
