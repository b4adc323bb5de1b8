package org.dataembassy.runtime.forwarding;

import java.util.Locale;

/**
 * Whether a request's raw path is already in its normal form — no {@code .} or {@code ..}
 * segment (also percent-encoded), no empty segment inside it, no backslash. Write forwarding
 * decides on the raw path and the REST layer routes on the normalised one: a path such as {@code
 * /q/../parcels} would be judged as one and served as the other, so it is refused instead.
 */
public final class CanonicalPaths {

  private CanonicalPaths() {}

  public static boolean isCanonical(String rawPath) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      return rawPath == null || rawPath.equals("*");
    }
    if (rawPath.indexOf('.') < 0 && rawPath.indexOf('%') < 0 && rawPath.indexOf('\\') < 0 && !rawPath.contains("//")) {
      return true; // nearly every request: nothing that could form a dot or empty segment
    }
    String lower = rawPath.toLowerCase(Locale.ROOT);
    if (lower.contains("\\") || lower.contains("%5c")) {
      return false;
    }
    String[] segments = lower.substring(1).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i].replace("%2e", ".");
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
      if (segment.isEmpty() && i < segments.length - 1) {
        return false; // "//" inside the path (a trailing "/" is fine)
      }
    }
    return true;
  }
}
