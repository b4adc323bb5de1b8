package org.dataembassy.runtime.journal;

/**
 * Signs the journal entries this site writes, with its own journal key (in its PKCS#11 token):
 * what lets every other site tell an entry of the epoch's active site from one put into the
 * replicated journal by anyone else.
 */
public interface EntrySigner {

  /** The signature over an entry's hash (base64). */
  String sign(String entryHash);
}
