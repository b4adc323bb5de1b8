package org.dataembassy.runtime.journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.dataembassy.runtime.crypto.Digests;

/**
 * One state change of a register, as it is replicated: position, epoch, time and the hash chain in
 * the clear; what changed (the event, the idempotency key) sealed under the state's data key.
 *
 * @param sequence position in the federation's journal, from 1, without gaps
 * @param epoch the epoch of the active site that wrote it
 * @param register which register it belongs to (e.g. {@code landregister})
 * @param type the event type within the register (e.g. {@code ParcelRegistered})
 * @param timestamp when the active site wrote it
 * @param site the site that wrote it
 * @param sealedPayload the {@link JournalPayload}, encrypted (AES-GCM)
 * @param previousHash hash of the entry before ({@link #GENESIS_HASH} for the first)
 * @param hash hash of this entry's fields, chaining it to the previous one
 * @param signature the writing site's signature over {@code hash} with its journal key (ECDSA
 *     P-256, DER, base64); every site checks it, and that the writer was the epoch's active site
 */
public record JournalEntry(
    long sequence,
    long epoch,
    String register,
    String type,
    Instant timestamp,
    String site,
    byte[] sealedPayload,
    String previousHash,
    String hash,
    String signature) {

  public static final String GENESIS_HASH = "0".repeat(64);

  /** An entry not signed yet. */
  public JournalEntry(
      long sequence,
      long epoch,
      String register,
      String type,
      Instant timestamp,
      String site,
      byte[] sealedPayload,
      String previousHash,
      String hash) {
    this(sequence, epoch, register, type, timestamp, site, sealedPayload, previousHash, hash, null);
  }

  /** This entry with the writing site's signature over its hash. */
  public JournalEntry withSignature(String signature) {
    return new JournalEntry(
        sequence, epoch, register, type, timestamp, site, sealedPayload, previousHash, hash, signature);
  }

  /** Creates an entry and computes its hash. */
  public static JournalEntry create(
      long sequence,
      long epoch,
      String register,
      String type,
      Instant timestamp,
      String site,
      byte[] sealedPayload,
      String previousHash) {
    JournalEntry unhashed =
        new JournalEntry(
            sequence, epoch, register, type, timestamp, site, sealedPayload, previousHash, null);
    return new JournalEntry(
        sequence,
        epoch,
        register,
        type,
        timestamp,
        site,
        sealedPayload,
        previousHash,
        unhashed.computeHash());
  }

  /** The associated data that binds a sealed payload to this position. */
  public static String associatedData(long sequence, long epoch, String register, String type) {
    return sequence + ":" + epoch + ":" + register + ":" + type;
  }

  public String associatedData() {
    return associatedData(sequence, epoch, register, type);
  }

  /** True if the stored hash matches the fields (the entry was not altered). */
  public boolean hashMatches() {
    return hash != null && hash.equals(computeHash());
  }

  private String computeHash() {
    String header =
        sequence
            + "|"
            + epoch
            + "|"
            + register
            + "|"
            + type
            + "|"
            + timestamp.toEpochMilli()
            + "|"
            + site
            + "|"
            + Base64.getEncoder().encodeToString(sealedPayload)
            + "|"
            + previousHash;
    return Digests.sha256Hex(header.getBytes(StandardCharsets.UTF_8));
  }
}
