package org.dataembassy.failover.raft;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The control plane's JGroups stack ({@code raft-stack.xml}) rendered for one member: where it
 * binds, whom it discovers, the Raft members and its own Raft id, its log, failure detection, and
 * the federation's sites by address (for the site-bound transport).
 *
 * @param hosts every site's {@code address[port]}
 * @param sites {@code home=127.0.0.1,lux=127.0.0.12,...}
 */
public record RaftStack(
    String address,
    int port,
    List<String> hosts,
    List<String> members,
    String raftId,
    Path logDir,
    long failureDetectionMs,
    String sites,
    String revocationDir,
    String stateRoot) {

  private static final String TEMPLATE = "raft-stack.xml";

  public String xml() {
    String template;
    try (InputStream in = RaftStack.class.getResourceAsStream(TEMPLATE)) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return template
        .replace("{{address}}", address)
        .replace("{{port}}", Integer.toString(port))
        .replace("{{hosts}}", String.join(",", hosts))
        .replace("{{members}}", String.join(",", members))
        .replace("{{raftId}}", raftId)
        .replace("{{sites}}", sites)
        .replace("{{revocationDir}}", revocationDir)
        .replace("{{stateRoot}}", stateRoot)
        .replace("{{logDir}}", logDir.toString())
        .replace("{{fdTimeout}}", failureDetectionMs + "ms")
        .replace("{{fdInterval}}", Math.max(100, failureDetectionMs / 5) + "ms");
  }

  public InputStream stream() {
    return new ByteArrayInputStream(xml().getBytes(StandardCharsets.UTF_8));
  }
}
