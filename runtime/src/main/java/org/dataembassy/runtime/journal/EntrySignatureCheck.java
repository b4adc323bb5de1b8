package org.dataembassy.runtime.journal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.crypto.SiteSignatures;

/**
 * Decides whether a journal entry may be folded: signed by the site it names with that site's
 * journal key, and that site the active one of the entry's epoch by the control plane. An entry
 * that fails was put into the replicated journal by someone else — a site the host took over, a
 * standby's backup replaying it — and is never folded. Verdicts are remembered for the last few
 * thousand entries, so status pages and the applier do not verify an entry twice.
 */
public final class EntrySignatureCheck {

  /** What may be done with an entry. */
  public sealed interface Verdict {
    /** Signed by its epoch's active site. */
    record Valid() implements Verdict {}

    /** This site's control plane does not know that epoch yet: wait. */
    record NotYet() implements Verdict {}

    /** Not the epoch's active site's, or not signed by it: never folded. */
    record Invalid(String reason) implements Verdict {}
  }

  private static final Verdict VALID = new Verdict.Valid();
  private static final Verdict NOT_YET = new Verdict.NotYet();
  private static final int REMEMBERED = 4096;

  private final ControlPlane controlPlane;
  private final SiteSignatures signatures;
  private final Map<String, Verdict> remembered =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Verdict> eldest) {
          return size() > REMEMBERED;
        }
      };

  public EntrySignatureCheck(ControlPlane controlPlane, SiteSignatures signatures) {
    this.controlPlane = controlPlane;
    this.signatures = signatures;
  }

  /**
   * Records an entry this site has just signed as its own: the active site's writer folds it at
   * once, and need not verify its own signature on the write's critical path.
   */
  public synchronized void signedHere(JournalEntry entry) {
    remembered.put(key(entry), VALID);
  }

  private static String key(JournalEntry entry) {
    return entry.hash() + "|" + entry.signature() + "|" + entry.site() + "|" + entry.epoch();
  }

  public synchronized Verdict check(JournalEntry entry) {
    String key = key(entry);
    Verdict known = remembered.get(key);
    if (known != null) {
      return known;
    }
    Verdict verdict = decide(entry);
    if (!(verdict instanceof Verdict.NotYet)) {
      remembered.put(key, verdict);
    }
    return verdict;
  }

  private Verdict decide(JournalEntry entry) {
    Optional<String> active = controlPlane.activeSiteOf(entry.epoch());
    if (active.isEmpty() && entry.epoch() > controlPlane.epoch()) {
      return NOT_YET;
    }
    // an epoch older than the control plane's history: the signature alone can be checked
    if (active.isPresent() && !active.get().equals(entry.site())) {
      return new Verdict.Invalid(
          "written as " + entry.site() + " in epoch " + entry.epoch() + ", whose active site is " + active.get());
    }
    if (entry.signature() == null || entry.hash() == null || !entry.hashMatches()) {
      return new Verdict.Invalid("not signed, or its hash does not match its fields");
    }
    if (!signatures.knows(entry.site())) {
      return new Verdict.Invalid("no journal certificate of site " + entry.site());
    }
    if (signatures.signedBy(entry.site(), entry.hash().getBytes(StandardCharsets.US_ASCII), entry.signature())) {
      return VALID;
    }
    return new Verdict.Invalid("the signature is not " + entry.site() + "'s");
  }
}
