package org.dataembassy.runtime.crypto;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.dataembassy.runtime.crypto.ocsp.OcspDelegations;
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
  @Inject StateRoot stateRoot;
  @Inject SiteRevocations revocations;

  /** Set once everything below is; read without a lock on every request. */
  private volatile boolean loaded;
  private StateCertificateAuthority ca;
  private IssuingCas issuingCas;
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
      X509Certificate root = stateRoot.certificate();
      // the citizens enrolled here are certified by this site's issuing CA, inside its token: the
      // state root's key is at no site
      SiteSigningKeys.TokenKey issuing = SiteSigningKeys.loadKey(token, SiteSigningKeys.ISSUING_CA);
      if (!issuing.issuer().equals(root)) {
        throw new IOException("the issuing CA in " + token + " is not certified by the state root " + StateCertificateAuthority.certificateFile(site.dataDir()) + ": run the key ceremony");
      }
      ca = StateCertificateAuthority.withKey(issuing.certificate(), issuing.privateKey(), token.provider());
      issuingCas = new IssuingCas(site.siteDir().resolve("pki"), root, clock, revocations);
      citizens = new CitizenCertificates(issuingCas, signingProvider);
      // this site's own TSA and OCSP keys, inside its token: signed there, never in this process
      tsa =
          new TimeStampAuthority(
              SiteSigningKeys.load(token, SigningService.TIME_STAMPING),
              token.provider(),
              config.tsaPolicy(),
              new TimeStampSerials(site.id(), clock),
              clock);
      SigningIdentity responder = SiteSigningKeys.load(token, SigningService.OCSP);
      List<OcspDelegations.Delegation> delegations =
          OcspDelegations.toResponder(site.siteDir().resolve("pki"), site.id(), responder.certificate(), issuingCas);
      ocsp =
          new OcspResponder(
              responder,
              delegations,
              revocations,
              token.provider(),
              clock,
              config.ocspResponseValidity(),
              config.ocspPreProducedResponses());
      signatures = new CmsSignatures(citizens, root, signingProvider, revocations);
      loaded = true;
      LOG.infof(
          "EMB-CR-002 state PKI loaded; enrolments, TSA and OCSP sign in the site's token (%s); %d issuing CAs known, OCSP delegated by %d; signatures verified with %s",
          token.provider().getName(), issuingCas.all().size(), delegations.size(), signingProvider.getName());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the state PKI's key material", e);
    }
  }

  /** The sites' issuing CAs this site knows. */
  public IssuingCas issuingCas() {
    load();
    return issuingCas;
  }

  /** This site's issuing CA: it certifies the citizens enrolled here. */
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
