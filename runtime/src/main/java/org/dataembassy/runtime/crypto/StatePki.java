package org.dataembassy.runtime.crypto;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Provider;
import java.time.Clock;
import org.dataembassy.runtime.config.CryptoConfig;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;
import org.dataembassy.runtime.crypto.cms.CmsSignatures;
import org.dataembassy.runtime.crypto.ocsp.OcspResponder;
import org.dataembassy.runtime.crypto.tsp.TimeStampAuthority;
import org.dataembassy.runtime.crypto.tsp.TimeStampSerials;
import org.dataembassy.runtime.crypto.token.SiteSigningKeys;
import org.dataembassy.runtime.crypto.token.SiteToken;
import org.jboss.logging.Logger;

/**
 * The state PKI as this site runs it: the state CA, the time-stamping authority, the OCSP
 * responder and the CMS signature validator. The TSA and the OCSP responder sign with this site's
 * own keys in its PKCS#11 token ({@link SiteSigningKeys}), certified by the state CA. Loaded at start so a site with missing or unreadable key
 * material fails at once rather than at a citizen's first request.
 */
@ApplicationScoped
public class StatePki {

  private static final Logger LOG = Logger.getLogger(StatePki.class);

  @Inject SiteConfig site;
  @Inject FederationConfig federation;
  @Inject CryptoConfig config;
  @Inject SiteToken token;

  /** Set once everything below is; read without a lock on every request. */
  private volatile boolean loaded;
  private StateCertificateAuthority ca;
  private CitizenCertificates citizens;
  private TimeStampAuthority tsa;
  private OcspResponder ocsp;
  private CmsSignatures signatures;
  private Provider signingProvider;

  void onStart(@Observes StartupEvent event) {
    load();
  }

  private void load() {
    if (!loaded) {
      loadOnce();
    }
  }

  private synchronized void loadOnce() {
    if (loaded) {
      return;
    }
    try {
      Clock clock = Clock.systemUTC();
      signingProvider = SigningProvider.forChoice(SigningProvider.choice(config.signingProvider()));
      ca = StateCertificateAuthority.load(site.dataDir());
      citizens = new CitizenCertificates(ca.certificate(), signingProvider);
      // this site's own TSA and OCSP keys, inside its token: signed there, never in this process
      tsa =
          new TimeStampAuthority(
              SiteSigningKeys.load(token, SigningService.TIME_STAMPING),
              token.provider(),
              config.tsaPolicy(),
              new TimeStampSerials(site.id(), clock),
              clock);
      ocsp =
          new OcspResponder(
              SiteSigningKeys.load(token, SigningService.OCSP),
              token.provider(),
              clock,
              config.ocspResponseValidity(),
              config.ocspPreProducedResponses());
      signatures = new CmsSignatures(citizens, ca.certificate(), signingProvider);
      loaded = true;
      LOG.infof(
          "EMB-CR-002 state PKI loaded; TSA and OCSP sign in the site's token (%s), signatures verified with %s",
          token.provider().getName(), signingProvider.getName());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the state PKI's key material", e);
    }
  }

  public StateCertificateAuthority certificateAuthority() {
    load();
    return ca;
  }

  public CitizenCertificates citizens() {
    load();
    return citizens;
  }

  public TimeStampAuthority timeStampAuthority() {
    load();
    return tsa;
  }

  public OcspResponder ocspResponder() {
    load();
    return ocsp;
  }

  public CmsSignatures signatures() {
    load();
    return signatures;
  }

  public Provider signingProvider() {
    load();
    return signingProvider;
  }
}
