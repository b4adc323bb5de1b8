package org.dataembassy.runtime.replication;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.dataembassy.runtime.config.ReplicationConfig;
import org.dataembassy.runtime.journal.JournalCodec;
import org.dataembassy.runtime.journal.JournalEntry;
import org.dataembassy.runtime.journal.JournalStore;
import org.dataembassy.runtime.rest.CommonProblem;
import org.dataembassy.runtime.rest.ProblemException;
import org.infinispan.AdvancedCache;
import org.infinispan.context.Flag;
import org.infinispan.manager.EmbeddedCacheManager;
import org.jboss.logging.Logger;

/**
 * The journal in the replicated cache. An append is acknowledged only when at least {@code
 * embassy.replication.min-sync-embassies} embassies confirmed the synchronous backup. A failed
 * backup does not roll back a non-transactional put (FACTS.md), so an append that cannot be
 * confirmed removes its entry again before it reports 503: an unacknowledged write leaves nothing
 * behind.
 */
@ApplicationScoped
public class InfinispanJournalStore implements JournalStore {

  private static final Logger LOG = Logger.getLogger(InfinispanJournalStore.class);
  private static final int RETRY_AFTER_SECONDS = 5;

  @Inject EmbeddedCacheManager cacheManager;
  @Inject JournalCodec codec;
  @Inject CrossSiteReplication replication;
  @Inject ReplicationConfig config;

  private AdvancedCache<Long, byte[]> cache() {
    return cacheManager
        .<Long, byte[]>getCache(ReplicatedCaches.JOURNAL)
        .getAdvancedCache()
        .withFlags(Flag.IGNORE_RETURN_VALUES);
  }

  @Override
  public void append(JournalEntry entry) {
    byte[] bytes = codec.encode(entry);
    if (!replication.enabled()) {
      cache().put(key(entry.sequence(), entry.epoch()), bytes);
      return;
    }
    int required = config.minSyncEmbassies();
    List<String> online = replication.onlineBackupSites();
    if (online.size() < required) {
      throw new JournalStore.NotSent(
          CommonProblem.REPLICATION_UNAVAILABLE,
          "Only " + online.size() + " embass" + (online.size() == 1 ? "y is" : "ies are") + " reachable to confirm the write; "
              + required + " must. Nothing was written.",
          RETRY_AFTER_SECONDS);
    }
    try {
      cache().put(key(entry.sequence(), entry.epoch()), bytes);
    } catch (RuntimeException e) {
      List<String> failed = CrossSiteReplication.failedSites(e);
      List<String> suspects = failed.isEmpty() ? online : failed;
      suspects.forEach(s -> replication.takeOffline(s, "backup of journal entry failed"));
      long confirmed = online.stream().filter(s -> !suspects.contains(s)).count();
      if (confirmed >= required) {
        LOG.warnf(
            "EMB-RP-020 journal entry %d confirmed by %d embass%s; %s missed it",
            entry.sequence(), confirmed, confirmed == 1 ? "y" : "ies", suspects);
        return;
      }
      discard(key(entry.sequence(), entry.epoch()));
      throw unavailable((int) confirmed, required);
    }
  }

  /** Removes an unacknowledged entry: from the sites that took it, then locally. */
  private void discard(long key) {
    try {
      cache().remove(key);
    } catch (RuntimeException e) {
      LOG.debugf(
          "removing unacknowledged entry %d from backups failed: %s",
          key & SEQUENCE_MASK, CrossSiteReplication.describe(e));
    }
    cache().withFlags(Flag.SKIP_XSITE_BACKUP).remove(key);
  }

  private static final int SEQUENCE_BITS = 40;
  private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

  /** The cache key of an entry: its epoch in the high 23 bits, its sequence in the low 40. */
  static long key(long sequence, long epoch) {
    if (sequence < 0 || sequence > SEQUENCE_MASK || epoch < 0 || epoch >= (1L << (63 - SEQUENCE_BITS))) {
      throw new IllegalArgumentException("journal position out of range: " + sequence + "@" + epoch);
    }
    return (epoch << SEQUENCE_BITS) | sequence;
  }

  private static ProblemException unavailable(int online, int required) {
    return new ProblemException(
        CommonProblem.REPLICATION_UNAVAILABLE,
        "Only "
            + online
            + " embass"
            + (online == 1 ? "y" : "ies")
            + " confirmed the write; "
            + required
            + " must. It was not acknowledged; if it reached an embassy it may still take effect"
            + " after a failover: retry with the same Idempotency-Key to learn its outcome.",
        List.of(),
        RETRY_AFTER_SECONDS);
  }

  @Override
  public Optional<JournalEntry> get(long sequence, long epoch) {
    byte[] bytes = cacheManager.<Long, byte[]>getCache(ReplicatedCaches.JOURNAL).get(key(sequence, epoch));
    return Optional.ofNullable(bytes).map(codec::decode);
  }
}
