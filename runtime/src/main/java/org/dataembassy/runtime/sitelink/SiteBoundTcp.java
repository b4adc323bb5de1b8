package org.dataembassy.runtime.sitelink;

import java.io.DataInput;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.jboss.logging.Logger;
import org.jgroups.Address;
import org.jgroups.Message;
import org.jgroups.annotations.Property;
import org.jgroups.blocks.cs.Connection;
import org.jgroups.blocks.cs.TcpConnection;
import org.jgroups.protocols.TCP;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.ExtendedUUID;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.Util;

/**
 * JGroups' TCP transport, with every peer held to the site its site-link certificate names. JGroups
 * itself authenticates nothing above TLS: a peer names its own physical address when it connects,
 * and every message names its own sender (with jgroups-raft, the sender's Raft id). So with lux's
 * certificate a process could claim home's address, or send Raft votes as "home". Here:
 *
 * <ul>
 *   <li>a connection, accepted or made, is kept only if the certificate its peer presented names
 *       the site whose configured address the connection is for ({@code reason=certificate});
 *   <li>a message is passed up only if the connection it came over is from an address of the
 *       federation ({@code reason=address}) and the site its sender names — its Raft id in the
 *       control plane's group, its RELAY2 site on the replication bridge ({@code sender_identity})
 *       — is that site ({@code reason=identity}).
 * </ul>
 *
 * Refused connections are closed and refused messages dropped; each is counted ({@link
 * SiteLinkRefusals}, the metric {@code embassy.sitelink.refused{reason}}) and logged (EMB-SL-001/002/003, at most once a minute per peer and reason). A site the state revoked
 * ({@code revocation_dir}, {@code state_root}) has every message dropped ({@code reason=revoked},
 * EMB-SL-005), even over a connection made before. Sites are
 * told apart by address: every site of a federation has its own.
 */
public class SiteBoundTcp extends TCP {

  private static final Logger LOG = Logger.getLogger(SiteBoundTcp.class);
  private static final byte[] RAFT_ID_KEY = Util.stringToBytes("raft-id");
  private static final long LOG_EVERY_MS = 60_000;
  private static final Field SOCKET = socketField();

  /** Why a peer's connection or message was refused: the {@code reason} tag of the metric. */
  public enum Reason {
    CERTIFICATE,
    ADDRESS,
    IDENTITY,
    /** The site was revoked by the state ({@code ./embassy site revoke}). */
    REVOKED
  }

  @Property(description = "The federation's sites and their addresses: home=127.0.0.1,lux=127.0.0.12")
  protected String sites = "";

  @Property(
      description =
          "What names a message's sender, which must be its connection's site: raft-id (jgroups-raft's"
              + " member id), relay-site (RELAY2's bridge: the sender's site), or none")
  protected String sender_identity = "none";

  @Property(description = "This site's pki directory, where the state root's revocation list arrives (empty: none)")
  protected String revocation_dir = "";

  @Property(description = "The state root's certificate (ca.pem), which signs the revocation list")
  protected String state_root = "";

  private volatile org.dataembassy.runtime.crypto.SiteRevocations revocations;
  private volatile Map<InetAddress, String> siteByAddress = Map.of();
  private final ThreadLocal<String> receivingFrom = new ThreadLocal<>();
  private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

  @Override
  public void init() throws Exception {
    super.init();
    siteByAddress = parseSites(sites);
    if (!revocation_dir.isBlank() && !state_root.isBlank()) {
      revocations = new org.dataembassy.runtime.crypto.SiteRevocations(
          java.nio.file.Path.of(revocation_dir),
          org.dataembassy.runtime.crypto.Pem.readCertificate(java.nio.file.Path.of(state_root)),
          java.time.Clock.systemUTC());
    }
    if (!java.util.Set.of("none", "raft-id", "relay-site").contains(sender_identity)) {
      throw new IllegalArgumentException("sender_identity must be none, raft-id or relay-site: " + sender_identity);
    }
  }

  /** {@code home=127.0.0.1,lux=127.0.0.12} as address → site. */
  static Map<InetAddress, String> parseSites(String spec) throws UnknownHostException {
    Map<InetAddress, String> parsed = new ConcurrentHashMap<>();
    for (String pair : spec.split(",")) {
      String trimmed = pair.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq <= 0 || eq == trimmed.length() - 1) {
        throw new IllegalArgumentException("site list entry is not site=address: " + trimmed);
      }
      InetAddress address = InetAddress.getByName(trimmed.substring(eq + 1));
      String previous = parsed.put(address, trimmed.substring(0, eq));
      if (previous != null) {
        throw new IllegalArgumentException("two sites share the address " + address.getHostAddress());
      }
    }
    return Map.copyOf(parsed);
  }

  // ---- connections ----------------------------------------------------------------------------

  @Override
  public void connectionEstablished(Connection conn) {
    super.connectionEstablished(conn);
    String expected = siteAt(conn.peerAddress());
    String presented = certifiedSite(conn);
    if (expected == null || !expected.equals(presented)) {
      refuse(
          Reason.CERTIFICATE,
          describe(conn.peerAddress()),
          "EMB-SL-001 site link to %s refused: it is the address of %s but its peer's certificate names %s",
          describe(conn.peerAddress()),
          expected == null ? "no site of this federation" : "site " + expected,
          presented == null ? "no site" : "site " + presented);
      Util.close(conn);
    }
  }

  /** The site the peer's certificate names; null if there is none, or TLS is off (then: the address). */
  private String certifiedSite(Connection conn) {
    Socket socket = socketOf(conn);
    if (!(socket instanceof SSLSocket ssl)) {
      return socket == null ? null : siteAt(conn.peerAddress()); // TLS off: nothing to check against
    }
    try {
      Certificate[] chain = ssl.getSession().getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? SiteLinkTrustManager.siteNamedBy(leaf) : null;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  private static Socket socketOf(Connection conn) {
    if (!(conn instanceof TcpConnection) || SOCKET == null) {
      return null;
    }
    try {
      return (Socket) SOCKET.get(conn);
    } catch (IllegalAccessException e) {
      return null;
    }
  }

  /** TcpConnection keeps its socket in a protected field with no accessor (JGroups 5.5). */
  private static Field socketField() {
    try {
      Field field = TcpConnection.class.getDeclaredField("sock");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.errorf("EMB-SL-004 this JGroups has no TcpConnection.sock: every site link will be refused (%s)", e);
      return null;
    }
  }

  // ---- messages -------------------------------------------------------------------------------

  @Override
  public void receive(Address sender, DataInput in, int length) throws Exception {
    String site = siteAt(sender);
    if (site == null) {
      in.skipBytes(length);
      refuse(Reason.ADDRESS, describe(sender), "EMB-SL-002 message from %s dropped: no site of this federation has that address", describe(sender));
      return;
    }
    if (revoked(site)) {
      in.skipBytes(length);
      return;
    }
    receivingFrom.set(site);
    try {
      super.receive(sender, in, length);
    } finally {
      receivingFrom.remove();
    }
  }

  @Override
  public void receive(Address sender, byte[] data, int offset, int length) {
    String site = siteAt(sender);
    if (site == null) {
      refuse(Reason.ADDRESS, describe(sender), "EMB-SL-002 message from %s dropped: no site of this federation has that address", describe(sender));
      return;
    }
    if (revoked(site)) {
      return;
    }
    receivingFrom.set(site);
    try {
      super.receive(sender, data, offset, length);
    } finally {
      receivingFrom.remove();
    }
  }

  @Override
  protected void handleSingleMessage(DataInput in, boolean multicast) {
    try {
      short type = in.readShort();
      Message msg = org.jgroups.MessageFactory.create(type);
      msg.readFrom(in);
      if (!senderIsConnectionSite(msg.getSrc())) {
        return;
      }
      if (!multicast && unicastDestMismatch(msg.getDest())) {
        return;
      }
      msg_processing_policy.process(msg, msg.isFlagSet(Message.Flag.OOB));
      msg_stats.received(msg);
    } catch (Throwable t) {
      log.error("%s: failed handling an incoming message: %s", local_addr, t);
    }
  }

  @Override
  protected void handleMessageBatch(DataInput in, boolean multicast) {
    try {
      MessageBatch[] batches = Util.readMessageBatch(in, multicast);
      MessageBatch regular = batches[0];
      MessageBatch oob = batches[1];
      Address sender = regular != null ? regular.sender() : oob != null ? oob.sender() : null;
      if (!senderIsConnectionSite(sender)) {
        return;
      }
      if (oob != null) {
        msg_stats.received(oob);
      }
      if (regular != null) {
        msg_stats.received(regular);
      }
      processBatch(oob, true);
      processBatch(regular, false);
    } catch (Throwable t) {
      log.error("%s: failed handling an incoming message batch: %s", local_addr, t);
    }
  }

  /** Whether the state revoked {@code site}: nothing it sends is passed up (counted, logged). */
  private boolean revoked(String site) {
    org.dataembassy.runtime.crypto.SiteRevocations known = revocations;
    if (known == null || !known.siteRevoked(site)) {
      return false;
    }
    refuse(Reason.REVOKED, site, "EMB-SL-005 message from %s dropped: the state revoked that site", site);
    return true;
  }

  private boolean senderIsConnectionSite(Address sender) {
    if ("none".equals(sender_identity)) {
      return true;
    }
    String site = receivingFrom.get();
    String claimed = "relay-site".equals(sender_identity) ? relaySiteOf(sender) : raftIdOf(sender);
    if (site != null && site.equals(claimed)) {
      return true;
    }
    refuse(
        Reason.IDENTITY,
        String.valueOf(site),
        "EMB-SL-003 message dropped: it came over the site link of %s but names %s as its sender's site (%s)",
        site,
        claimed == null ? "(none)" : claimed,
        sender_identity);
    return false;
  }

  /** The site a RELAY2 bridge member's address names, or null. */
  public static String relaySiteOf(Address address) {
    return address instanceof org.jgroups.protocols.relay.SiteUUID uuid ? uuid.getSite() : null;
  }

  /** The Raft id an address carries (jgroups-raft puts it into an ExtendedUUID), or null. */
  public static String raftIdOf(Address address) {
    if (address instanceof ExtendedUUID uuid) {
      byte[] id = uuid.get(RAFT_ID_KEY);
      return id == null ? null : Util.bytesToString(id);
    }
    return null;
  }

  // ---- helpers --------------------------------------------------------------------------------

  private String siteAt(Address physical) {
    return physical instanceof IpAddress ip && ip.getIpAddress() != null ? siteByAddress.get(ip.getIpAddress()) : null;
  }

  private static String describe(Address physical) {
    return physical instanceof IpAddress ip && ip.getIpAddress() != null
        ? ip.getIpAddress().getHostAddress() + ":" + ip.getPort()
        : String.valueOf(physical);
  }

  private void refuse(Reason reason, String peer, String format, Object... args) {
    SiteLinkRefusals.count(reason);
    long now = System.currentTimeMillis();
    String key = reason + "|" + peer;
    Long last = lastLogged.get(key);
    if (last == null || now - last >= LOG_EVERY_MS) {
      lastLogged.put(key, now);
      LOG.warnf(format, args);
    }
  }
}
