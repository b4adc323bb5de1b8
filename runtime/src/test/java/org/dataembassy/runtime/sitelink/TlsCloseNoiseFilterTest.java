package org.dataembassy.runtime.sitelink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class TlsCloseNoiseFilterTest {

  private static LogRecord record(String logger, String message) {
    LogRecord record = new LogRecord(Level.SEVERE, message);
    record.setLoggerName(logger);
    return record;
  }

  @Test
  void shouldDropOnlyJGroupsGracefulCloseFailures() {
    var filter = new TlsCloseNoiseFilter();
    assertThat(filter.isLoggable(record("org.jgroups.protocols.TCP",
        "127.0.0.11:7950: failed sending graceful close to 127.0.0.12:7950: Broken pipe"))).isFalse();
    assertThat(filter.isLoggable(record("org.jgroups.protocols.TCP",
        "127.0.0.11:7950: failed accepting connection from peer"))).isTrue();
    assertThat(filter.isLoggable(record(SiteBoundTcp.class.getName(),
        "127.0.0.11:7950: failed sending graceful close to 127.0.0.12:7950: Broken pipe"))).isFalse();
    assertThat(filter.isLoggable(record(SiteBoundTcp.class.getName(),
        "EMB-SL-003 message dropped: it came over the site link of lux"))).isTrue();
    assertThat(filter.isLoggable(record("org.dataembassy.runtime.X", "failed sending graceful close"))).isTrue();
    assertThat(filter.isLoggable(record(null, "anything"))).isTrue();
  }
}
