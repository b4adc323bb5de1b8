package org.dataembassy.runtime.crypto;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.dataembassy.runtime.config.CryptoConfig;
import org.dataembassy.runtime.config.SiteConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;
import org.dataembassy.runtime.crypto.token.JournalCertificateFiles;
import org.dataembassy.runtime.crypto.token.SiteSigningKeys;
import org.dataembassy.runtime.journal.EntrySignatureCheck;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.crypto.keys.DataKeyRing;
import org.dataembassy.runtime.crypto.keys.FieldCipher;
import org.dataembassy.runtime.crypto.token.SealedStateKeys;
import org.dataembassy.runtime.crypto.token.SiteToken;
import org.dataembassy.runtime.crypto.token.TokenPin;
import org.jboss.logging.Logger;

/**
 * Opens this site's PKCS#11 token and, with it, the state's keys delivered to this site: the data
 * keys that seal everything the site stores or replicates, and the blind-index key. A missing
 * token, PIN or key stops the site at start with a message naming it; nothing is generated here
 * (keys come only from the key ceremony, {@code KeyCeremony}).
 */
public class StateKeyProducer {

  private static final Logger LOG = Logger.getLogger(StateKeyProducer.class);

  void onStart(@Observes StartupEvent event, DataKeyRing keys, BlindIndex index) {
    LOG.infof("EMB-CR-010 state keys opened from the site's token: data key v%d in use", keys.currentVersion());
  }

  @Produces
  @Singleton
  SiteToken siteToken(SiteConfig site, CryptoConfig crypto) {
    try {
      return SiteToken.open(
          crypto.tokenConfig().orElse(site.siteDir().resolve("token").resolve("pkcs11.cfg")),
          TokenPin.read(
              crypto.tokenPin(),
              crypto.tokenPinFile().orElse(site.siteDir().resolve("token").resolve("pin"))));
    } catch (IOException e) {
      throw new UncheckedIOException("EMB-CR-011 cannot open this site's token: " + e.getMessage(), e);
    }
  }

  @Produces
  @Singleton
  SealedStateKeys sealedKeys(SiteToken token, SiteConfig site) {
    try {
      return SealedStateKeys.open(token, site.siteDir().resolve("keys"));
    } catch (IOException e) {
      throw new UncheckedIOException("EMB-CR-012 " + e.getMessage(), e);
    }
  }

  @Produces
  @Singleton
  DataKeyRing dataKeys(SealedStateKeys sealed) {
    try {
      return new DataKeyRing(
          sealed.dataKeys(),
          version -> {
            try {
              return sealed.dataKey(version);
            } catch (IOException e) {
              LOG.errorf("EMB-CR-013 data key version %d does not open: %s", version, e.getMessage());
              return Optional.empty();
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("EMB-CR-012 " + e.getMessage(), e);
    }
  }

  @Produces
  @Singleton
  BlindIndex blindIndex(SealedStateKeys sealed) {
    try {
      return new BlindIndex(sealed.indexKey());
    } catch (IOException e) {
      throw new UncheckedIOException("EMB-CR-012 " + e.getMessage(), e);
    }
  }

  /** Signs what this site writes for the others with its journal key, inside its token. */
  @Produces
  @Singleton
  SiteSigner siteSigner(SiteToken token, SiteConfig site) {
    try {
      SigningIdentity journal = SiteSigningKeys.load(token, SigningService.JOURNAL);
      Signature signature = Signature.getInstance("SHA256withECDSA", token.provider());
      String id = site.id();
      return new SiteSigner() {
        @Override
        public String site() {
          return id;
        }

        @Override
        public String sign(byte[] message) {
          synchronized (signature) {
            try {
              signature.initSign(journal.privateKey());
              signature.update(message);
              return Base64.getEncoder().encodeToString(signature.sign());
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("EMB-CR-014 the token did not sign", e);
            }
          }
        }
      };
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("EMB-CR-012 " + e.getMessage(), e);
    }
  }

  @Produces
  @Singleton
  SignerCertificates signerCertificates(SiteConfig site, StateRoot root, SiteRevocations revocations) {
    return new JournalCertificateFiles(site.siteDir().resolve("pki"), root.certificate(), revocations);
  }

  @Produces
  @Singleton
  SiteSignatures siteSignatures(SignerCertificates certificates, CryptoConfig crypto) {
    return new SiteSignatures(
        certificates, SigningProvider.forChoice(SigningProvider.choice(crypto.signingProvider())));
  }

  @Produces
  @Singleton
  EntrySignatureCheck entrySignatureCheck(ControlPlane controlPlane, SiteSignatures signatures) {
    return new EntrySignatureCheck(controlPlane, signatures);
  }

  @Produces
  @Singleton
  PayloadCipher payloadCipher(DataKeyRing keys) {
    return new PayloadCipher(keys);
  }

  @Produces
  @Singleton
  FieldCipher fieldCipher(PayloadCipher cipher) {
    return new FieldCipher(cipher);
  }
}
