package org.dataembassy.runtime.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import org.dataembassy.runtime.crypto.PayloadCipher;

/** Turns journal entries into the bytes stored in the replicated cache, and payloads into sealed bytes. */
public final class JournalCodec {

  private static final ObjectMapper JSON =
      JsonMapper.builder().addModule(new JavaTimeModule()).build();

  private final PayloadCipher cipher;

  public JournalCodec(PayloadCipher cipher) {
    this.cipher = cipher;
  }

  public byte[] encode(JournalEntry entry) {
    try {
      return JSON.writeValueAsBytes(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode journal entry " + entry.sequence(), e);
    }
  }

  public JournalEntry decode(byte[] bytes) {
    try {
      return JSON.readValue(bytes, JournalEntry.class);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable journal entry", e);
    }
  }

  public byte[] seal(JournalPayload payload, String associatedData) {
    try {
      return cipher.seal(JSON.writeValueAsBytes(payload), associatedData);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a journal payload", e);
    }
  }

  public JournalPayload open(JournalEntry entry) throws GeneralSecurityException {
    byte[] plain = cipher.open(entry.sealedPayload(), entry.associatedData());
    try {
      return JSON.readValue(plain, JournalPayload.class);
    } catch (IOException e) {
      throw new GeneralSecurityException("journal payload " + entry.sequence() + " is not valid", e);
    }
  }

  public static ObjectMapper json() {
    return JSON;
  }
}
