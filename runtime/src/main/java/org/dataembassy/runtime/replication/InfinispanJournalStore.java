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
      cache().put(entry.sequence(), bytes);
      return;
    }
    int required = config.minSyncEmbassies();
    List<String> online = replication.onlineBackupSites();
    if (online.size() < required) {
      throw unavailable(online.size(), required);
    }
    try {
      cache().put(entry.sequence(), bytes);
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
      discard(entry.sequence());
      throw unavailable((int) confirmed, required);
    }
  }

  /** Removes an unacknowledged entry: from the sites that took it, then locally. */
  private void discard(long sequence) {
    try {
      cache().remove(sequence);
    } catch (RuntimeException e) {
      LOG.debugf("removing unacknowledged entry %d from backups failed: %s", sequence, e.toString());
    }
    cache().withFlags(Flag.SKIP_XSITE_BACKUP).remove(sequence);
  }

  private static ProblemException unavailable(int online, int required) {
    return new ProblemException(
        CommonProblem.REPLICATION_UNAVAILABLE,
        "Only "
            + online
            + " embass"
            + (online == 1 ? "y" : "ies")
            + " can confirm the write; "
            + required
            + " must. Nothing was written.",
        List.of(),
        RETRY_AFTER_SECONDS);
  }

  @Override
  public Optional<JournalEntry> get(long sequence) {
    byte[] bytes = cacheManager.<Long, byte[]>getCache(ReplicatedCaches.JOURNAL).get(sequence);
    return Optional.ofNullable(bytes).map(codec::decode);
  }
}
