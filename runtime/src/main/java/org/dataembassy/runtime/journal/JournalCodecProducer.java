package org.dataembassy.runtime.journal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.crypto.DataKeyStore;
import org.dataembassy.runtime.crypto.PayloadCipher;

/** Provides the codec that seals journal payloads with the state's data key. */
public class JournalCodecProducer {

  @Produces
  @ApplicationScoped
  JournalCodec codec(SiteConfig site) {
    try {
      return new JournalCodec(
          new PayloadCipher(
              DataKeyStore.loadOrCreate(site.dataDir().resolve("keys").resolve("state-data.key"))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the state data key", e);
    }
  }
}
