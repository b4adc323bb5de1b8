package org.dataembassy.runtime.journal;

import org.dataembassy.runtime.crypto.TestStateRoots;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.controlplane.SiteRole;
import org.dataembassy.runtime.crypto.SiteSignatures;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the epoch's active site writes: who may have written an entry, and with which key. */
class EntrySignatureCheckTest {

  @TempDir static java.nio.file.Path dir;

  static PrivateKey homeKey;
  static PrivateKey luxKey;
  static X509Certificate homeCert;
  static X509Certificate luxCert;

  /** home active in epoch 1, lux from epoch 2; this site has applied epoch 2. */
  static final ControlPlane PLANE =
      new ControlPlane() {
        @Override
        public Optional<String> activeSite() {
          return Optional.of("lux");
        }

        @Override
        public long epoch() {
          return 2;
        }

        @Override
        public Optional<String> activeSiteOf(long epoch) {
          return epoch == 1 ? Optional.of("home") : epoch == 2 ? Optional.of("lux") : Optional.empty();
        }

        @Override
        public SiteRole roleOf(String siteId) {
          return "lux".equals(siteId) ? SiteRole.ACTIVE : SiteRole.STANDBY;
        }
      };

  @BeforeAll
  static void keys() throws Exception {
    StateCertificateAuthority ca = TestStateRoots.in(dir, "GOV");
    KeyPair home = pair();
    KeyPair lux = pair();
    homeKey = home.getPrivate();
    luxKey = lux.getPrivate();
    homeCert = ca.certifySiteServiceKey(SigningService.JOURNAL, home.getPublic(), "home", Duration.ofDays(1));
    luxCert = ca.certifySiteServiceKey(SigningService.JOURNAL, lux.getPublic(), "lux", Duration.ofDays(1));
  }

  private static KeyPair pair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private final EntrySignatureCheck check =
      new EntrySignatureCheck(PLANE, new SiteSignatures(site -> Optional.ofNullable(Map.of("home", homeCert, "lux", luxCert).get(site))));

  private static JournalEntry entry(long epoch, String site) {
    return JournalEntry.create(7, epoch, "landregister", "ParcelRegistered", Instant.EPOCH, site,
        new byte[] {1, 2, 3}, JournalEntry.GENESIS_HASH);
  }

  private static JournalEntry signed(JournalEntry entry, PrivateKey key) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key);
    s.update(entry.hash().getBytes(StandardCharsets.US_ASCII));
    return entry.withSignature(Base64.getEncoder().encodeToString(s.sign()));
  }

  @Test
  void shouldAcceptAnEntrySignedByItsEpochsActiveSite() throws Exception {
    assertThat(check.check(signed(entry(1, "home"), homeKey))).isInstanceOf(EntrySignatureCheck.Verdict.Valid.class);
    assertThat(check.check(signed(entry(2, "lux"), luxKey))).isInstanceOf(EntrySignatureCheck.Verdict.Valid.class);
  }

  @Test
  void shouldRefuseAnEntryWrittenByAStandbyWithItsOwnValidKey() throws Exception {
    // lux, a standby in epoch 1, signs an entry of epoch 1 with its own key: not the active site's
    var verdict = check.check(signed(entry(1, "lux"), luxKey));

    assertThat(verdict).isInstanceOf(EntrySignatureCheck.Verdict.Invalid.class);
    assertThat(((EntrySignatureCheck.Verdict.Invalid) verdict).reason()).contains("active site is home");
  }

  @Test
  void shouldRefuseAnEntryThatNamesTheActiveSiteButIsSignedByAnother() throws Exception {
    // lux's key, claiming to be home (the host of lux impersonating home)
    assertThat(check.check(signed(entry(1, "home"), luxKey))).isInstanceOf(EntrySignatureCheck.Verdict.Invalid.class);
  }

  @Test
  void shouldRefuseAnUnsignedOrAlteredEntry() throws Exception {
    assertThat(check.check(entry(1, "home"))).isInstanceOf(EntrySignatureCheck.Verdict.Invalid.class);
    JournalEntry good = signed(entry(1, "home"), homeKey);
    JournalEntry altered = new JournalEntry(good.sequence(), good.epoch(), good.register(), good.type(), good.timestamp(),
        good.site(), new byte[] {9, 9, 9}, good.previousHash(), good.hash(), good.signature());
    assertThat(check.check(altered)).isInstanceOf(EntrySignatureCheck.Verdict.Invalid.class);
    assertThat(check.check(good.withSignature("bm90IGEgc2lnbmF0dXJl"))).isInstanceOf(EntrySignatureCheck.Verdict.Invalid.class);
  }

  @Test
  void shouldWaitForAnEpochThisSiteHasNotAppliedYet() throws Exception {
    assertThat(check.check(signed(entry(3, "home"), homeKey))).isInstanceOf(EntrySignatureCheck.Verdict.NotYet.class);
  }

  @Test
  void shouldRefuseASiteWithoutAJournalCertificate() throws Exception {
    var noCertificates = new EntrySignatureCheck(PLANE, new SiteSignatures(site -> Optional.empty()));
    assertThat(noCertificates.check(signed(entry(1, "home"), homeKey))).isInstanceOf(EntrySignatureCheck.Verdict.Invalid.class);
  }
}
