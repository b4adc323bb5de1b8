package org.dataembassy.runtime.sitelink;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops one misleading JGroups ERROR on TLS links: closing a connection, JGroups 5.5.5 calls {@code
 * shutdownInput()} on the socket before sending its close marker, which an {@code SSLSocket}
 * refuses ("closing inbound before receiving peer's close_notify", or "Broken pipe" when the peer
 * closed first); the connection is then closed anyway ({@code TcpConnection.closeGracefully}).
 * It happens on every duplicate connection JGroups resolves and at every shutdown: an operator
 * must not learn to ignore ERRORs. Nothing else is filtered. (The site links' transport, {@link
 * SiteBoundTcp}, logs JGroups' messages under its own name.)
 */
@LoggingFilter(name = "tls-close-noise")
public final class TlsCloseNoiseFilter implements Filter {

  @Override
  public boolean isLoggable(LogRecord record) {
    String logger = record.getLoggerName();
    if (logger == null || !(logger.startsWith("org.jgroups") || logger.equals(SiteBoundTcp.class.getName()))) {
      return true;
    }
    String message = record.getMessage();
    return message == null || !message.contains("failed sending graceful close");
  }
}
