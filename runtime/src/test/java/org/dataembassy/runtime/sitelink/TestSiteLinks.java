package org.dataembassy.runtime.sitelink;

import java.nio.file.Path;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.TestStateRoots;

/** Site-link keys for unit tests: in memory, certified by the test root of the data directory. */
final class TestSiteLinks {

  private TestSiteLinks() {}

  static SiteLinkCertificates.Material ensure(Path dataDir, String siteId, String stateName) {
    StateCertificateAuthority root = TestStateRoots.in(dataDir, stateName);
    var issued = root.issueSiteLinkCertificate(siteId, java.time.Duration.ofDays(397));
    return new SiteLinkCertificates.Material(issued.keyPair().getPrivate(), issued.certificate(), root.certificate());
  }
}
