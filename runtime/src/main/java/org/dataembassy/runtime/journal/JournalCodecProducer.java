package org.dataembassy.runtime.journal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.dataembassy.runtime.crypto.PayloadCipher;

/** Provides the codec that seals journal payloads with the state's data key. */
public class JournalCodecProducer {

  @Produces
  @ApplicationScoped
  JournalCodec codec(PayloadCipher cipher) {
    return new JournalCodec(cipher);
  }
}
