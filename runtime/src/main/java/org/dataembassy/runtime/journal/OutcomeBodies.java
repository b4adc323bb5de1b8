package org.dataembassy.runtime.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Bodies of {@link AppliedOutcome}s, written as the HTTP APIs write JSON (times as ISO-8601
 * strings), so a write's answer and a later read of the same resource look alike. The journal's
 * own encoding ({@link JournalCodec#json()}) is a storage format and stays as it is.
 */
public final class OutcomeBodies {

  private static final ObjectMapper API =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private OutcomeBodies() {}

  public static JsonNode of(Object body) {
    return API.valueToTree(body);
  }
}
