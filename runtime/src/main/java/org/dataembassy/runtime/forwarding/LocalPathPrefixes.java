package org.dataembassy.runtime.forwarding;

import java.util.List;

/**
 * The path prefixes a site serves itself ({@link ServedLocally}), prepared once for the check that
 * every request passes: a prefix matches the path itself and anything below it, compared without
 * building a string per request.
 */
final class LocalPathPrefixes {

  /** Each prefix without its trailing slash, so that "/q/" matches "/q" and "/q/health" alike. */
  private final String[] bare;

  LocalPathPrefixes(List<String> prefixes) {
    bare =
        prefixes.stream()
            .map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p)
            .toArray(String[]::new);
  }

  /** True if {@code path} is one of the prefixes or below one of them. */
  boolean matches(String path) {
    for (String prefix : bare) {
      if (path.startsWith(prefix)
          && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
        return true;
      }
    }
    return false;
  }
}
