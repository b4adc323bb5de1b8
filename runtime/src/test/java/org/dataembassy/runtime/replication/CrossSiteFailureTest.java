package org.dataembassy.runtime.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.infinispan.commons.TimeoutException;
import org.infinispan.xsite.BackupFailureException;
import org.junit.jupiter.api.Test;

/**
 * Reading a failed synchronous backup: which sites failed, and a description that never throws
 * (Infinispan 16.0.14's {@code BackupFailureException.getMessage()} can).
 */
class CrossSiteFailureTest {

  private static BackupFailureException failure(Throwable... perSite) {
    BackupFailureException failure = new BackupFailureException("journal");
    for (Throwable site : perSite) {
      failure.addSuppressed(site);
    }
    return failure;
  }

  @Test
  void shouldNameTheSitesThatFailed() {
    BackupFailureException failure =
        failure(
            new BackupFailureException("lux", new TimeoutException("timed out")),
            new BackupFailureException("emb2", new TimeoutException("timed out")));

    assertThat(CrossSiteReplication.failedSites(new RuntimeException(failure))).containsExactly("lux", "emb2");
    assertThat(CrossSiteReplication.describe(failure)).contains("lux", "emb2");
  }

  @Test
  void shouldDescribeAFailureWhoseOwnMessageThrows() {
    // a nested failure without a cause (a trace Infinispan attached): getMessage() throws
    BackupFailureException failure = failure(new RuntimeException("trace"));
    assertThatThrownBy(failure::toString).isInstanceOf(NullPointerException.class);

    assertThat(CrossSiteReplication.describe(failure)).isEqualTo(BackupFailureException.class.getName());
  }
}
