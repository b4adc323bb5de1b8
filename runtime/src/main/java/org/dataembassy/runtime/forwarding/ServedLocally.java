package org.dataembassy.runtime.forwarding;

import java.util.List;

/**
 * Paths whose POST/PUT/DELETE every site serves itself instead of forwarding them to the active
 * site: they change no register (a time-stamp, an OCSP answer, a login whose session goes to a
 * replicated cache). A module lists its own as a CDI bean.
 */
public interface ServedLocally {

  /** Path prefixes, e.g. {@code /tsa}. A prefix matches the path itself and anything below it. */
  List<String> pathPrefixes();
}
