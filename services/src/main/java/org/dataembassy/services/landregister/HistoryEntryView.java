package org.dataembassy.services.landregister;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One journal entry that touched a parcel. */
public record HistoryEntryView(
    long sequence, long epoch, String type, Instant timestamp, String site, JsonNode change) {}
