package org.dataembassy.runtime.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InfinispanJournalStoreKeyTest {

  @Test
  void shouldKeepTheSameSequenceOfTwoEpochsApart() {
    // a deposed site's late entry 65 of epoch 1 must not land on the new epoch's entry 65
    assertThat(InfinispanJournalStore.key(65, 1)).isNotEqualTo(InfinispanJournalStore.key(65, 2));
    assertThat(InfinispanJournalStore.key(65, 2)).isNotEqualTo(InfinispanJournalStore.key(66, 2));
  }

  @Test
  void shouldCoverLongJournalsAndManyEpochs() {
    long lastSequence = (1L << 40) - 1;
    long lastEpoch = (1L << 23) - 1;
    assertThat(InfinispanJournalStore.key(lastSequence, lastEpoch)).isPositive();
    assertThat(InfinispanJournalStore.key(lastSequence, 1)).isNotEqualTo(InfinispanJournalStore.key(0, 2));
  }

  @Test
  void shouldRefusePositionsOutOfRange() {
    assertThatThrownBy(() -> InfinispanJournalStore.key(1L << 40, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InfinispanJournalStore.key(1, 1L << 23)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InfinispanJournalStore.key(-1, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
