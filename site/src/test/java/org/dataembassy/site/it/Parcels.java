package org.dataembassy.site.it;

import java.util.List;
import java.util.Map;

/** Request bodies for the land register, shared by the multi-process tests. */
public final class Parcels {

  static final String MARI = "38001010009";
  static final String JAAN = "49403136526";

  private Parcels() {}

  /** A valid cadastral id numbered {@code n}. */
  public static String id(int block, int n) {
    return String.format("78401:%03d:%04d", block, n);
  }

  public static Map<String, Object> parcel(String cadastralId) {
    return Map.of(
        "cadastralId", cadastralId,
        "address", "Tamme 5, Tartu",
        "areaM2", 1200,
        "purpose", "residential",
        "owners", List.of(Map.of("personalCode", MARI, "name", "Mari Maasikas", "share", "1/1")));
  }

  static Map<String, Object> transferToJaan(long expectedVersion) {
    return Map.of(
        "expectedVersion",
        expectedVersion,
        "owners",
        List.of(
            Map.of("personalCode", MARI, "name", "Mari Maasikas", "share", "1/2"),
            Map.of("personalCode", JAAN, "name", "Jaan Tamm", "share", "1/2")));
  }
}
