package org.dataembassy.runtime.crypto;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.dataembassy.runtime.config.SiteConfig;

/** Provides the cipher that seals everything this site puts in replicated storage. */
public class StateKeyProducer {

  @Produces
  @Singleton
  PayloadCipher payloadCipher(SiteConfig site) {
    try {
      return new PayloadCipher(
          DataKeyStore.loadOrCreate(site.dataDir().resolve("keys").resolve("state-data.key")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the state data key", e);
    }
  }
}
