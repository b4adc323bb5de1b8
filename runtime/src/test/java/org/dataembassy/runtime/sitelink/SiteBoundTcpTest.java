package org.dataembassy.runtime.sitelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.util.ExtendedUUID;
import org.jgroups.util.Util;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real JGroups channels over mutual TLS on three loopback addresses, one per site, with {@link
 * SiteBoundTcp} as their transport: sites holding their own certificates form one view; a process
 * holding lux's certificate can neither claim home's address nor send as Raft member "home" from
 * lux's — the host of one embassy cannot impersonate another site.
 */
class SiteBoundTcpTest {

  private static final List<String> SITES = List.of("home", "lux", "emb2");
  private static final String HOME = "127.0.0.31";
  private static final String LUX = "127.0.0.32";
  private static final String EMB2 = "127.0.0.33";
  private static final int PORT = 47_630;

  @TempDir Path state;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
  private final List<JChannel> channels = new ArrayList<>();

  @BeforeEach
  void certificates() throws Exception {
    for (String site : SITES) {
      TestSiteLinks.ensure(state, site, "GOV");
    }
  }

  @AfterEach
  void stop() {
    channels.forEach(JChannel::close);
    watchdog.shutdownNow();
  }

  /** A member bound to {@code address}, presenting {@code certificateOf}'s site-link certificate, as Raft id {@code raftId}. */
  private JChannel member(String address, int port, String certificateOf, String raftId) throws Exception {
    String hosts = HOME + "[" + PORT + "]," + LUX + "[" + PORT + "]," + EMB2 + "[" + PORT + "]";
    String xml =
        """
        <config xmlns="urn:org:jgroups">
          <org.dataembassy.runtime.sitelink.SiteBoundTcp bind_addr="%s" bind_port="%d" port_range="0"
               sock_conn_timeout="300ms" diag.enabled="false"
               sites="home=%s,lux=%s,emb2=%s" sender_identity="raft-id"/>
          <TCPPING initial_hosts="%s" port_range="0"/>
          <MERGE3 min_interval="500ms" max_interval="1s"/>
          <pbcast.NAKACK2 use_mcast_xmit="false"/>
          <UNICAST3/>
          <pbcast.STABLE/>
          <pbcast.GMS join_timeout="1500ms" print_local_addr="false"/>
        </config>
        """
            .formatted(address, port, HOME, LUX, EMB2, hosts);
    JChannel channel = new JChannel(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    channel.setName(raftId);
    channel.addAddressGenerator(() -> ExtendedUUID.randomUUID(raftId).put("raft-id", Util.stringToBytes(raftId)));
    channel.getProtocolStack().getTransport().setSocketFactory(
        SiteLinkSocketFactory.create(
            SiteLinkTls.contextFor(TestSiteLinks.ensure(state, certificateOf, "GOV"), SITES), 1000, watchdog));
    channels.add(channel);
    channel.connect("site-bound-test");
    return channel;
  }

  private static List<String> raftIds(JChannel channel) {
    return channel.getView().getMembers().stream().map(SiteBoundTcp::raftIdOf).toList();
  }

  @Test
  void shouldFormOneViewOfSitesHoldingTheirOwnCertificates() throws Exception {
    JChannel home = member(HOME, PORT, "home", "home");
    JChannel lux = member(LUX, PORT, "lux", "lux");
    JChannel emb2 = member(EMB2, PORT, "emb2", "emb2");
    Util.waitUntilAllChannelsHaveSameView(15_000, 100, home, lux, emb2);
    assertThat(raftIds(home)).containsExactlyInAnyOrder("home", "lux", "emb2");
  }

  @Test
  void shouldRefuseLuxsCertificateAtHomesAddress() throws Exception {
    JChannel emb2 = member(EMB2, PORT, "emb2", "emb2");
    long before = SiteLinkRefusals.total(SiteBoundTcp.Reason.CERTIFICATE);
    JChannel rogue = member(HOME, PORT, "lux", "home"); // lux's files, home's address and name
    assertThatThrownBy(() -> Util.waitUntilAllChannelsHaveSameView(4_000, 100, emb2, rogue))
        .isInstanceOf(TimeoutException.class);
    assertThat(raftIds(emb2)).containsExactly("emb2");
    assertThat(SiteLinkRefusals.total(SiteBoundTcp.Reason.CERTIFICATE)).isGreaterThan(before);
  }

  @Test
  void shouldDropMessagesSentAsHomeOverLuxsLink() throws Exception {
    JChannel emb2 = member(EMB2, PORT, "emb2", "emb2");
    long before = SiteLinkRefusals.total(SiteBoundTcp.Reason.IDENTITY);
    JChannel rogue = member(LUX, PORT, "lux", "home"); // lux's files and address, Raft id "home"
    assertThatThrownBy(() -> Util.waitUntilAllChannelsHaveSameView(4_000, 100, emb2, rogue))
        .isInstanceOf(TimeoutException.class);
    assertThat(raftIds(emb2)).containsExactly("emb2");
    assertThat(SiteLinkRefusals.total(SiteBoundTcp.Reason.IDENTITY)).isGreaterThan(before);
  }

  @Test
  void shouldStillAdmitTheRealSiteWhileAnImpostorKnocks() throws Exception {
    JChannel emb2 = member(EMB2, PORT, "emb2", "emb2");
    member(LUX, PORT + 1, "lux", "home"); // the impostor, on another port of lux's address
    JChannel home = member(HOME, PORT, "home", "home");
    Util.waitUntilAllChannelsHaveSameView(15_000, 100, emb2, home);
    assertThat(raftIds(emb2)).containsExactlyInAnyOrder("emb2", "home");
  }

  @Test
  void shouldRejectAMalformedSiteList() {
    assertThatThrownBy(() -> SiteBoundTcp.parseSites("home=127.0.0.1,lux"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("site=address");
    assertThatThrownBy(() -> SiteBoundTcp.parseSites("home=127.0.0.1,lux=127.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two sites share");
  }

  @Test
  void shouldReadTheRaftIdAnAddressCarries() {
    Address plain = org.jgroups.util.UUID.randomUUID();
    Address member = ExtendedUUID.randomUUID("x").put("raft-id", Util.stringToBytes("lux"));
    assertThat(SiteBoundTcp.raftIdOf(member)).isEqualTo("lux");
    assertThat(SiteBoundTcp.raftIdOf(plain)).isNull();
  }
}
