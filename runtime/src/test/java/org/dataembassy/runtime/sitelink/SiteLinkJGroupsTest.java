package org.dataembassy.runtime.sitelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import org.jgroups.JChannel;
import org.jgroups.util.Util;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real JGroups channels on loopback with the site-link socket factory on their TCP transport: two
 * sites of the federation form one view; a member whose certificate comes from another CA never
 * joins it.
 */
class SiteLinkJGroupsTest {

  private static final List<String> SITES = List.of("home", "lux", "emb2");
  private static final int BASE_PORT = 47_610;

  @TempDir Path state;
  @TempDir Path foreign;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
  private final List<JChannel> channels = new java.util.ArrayList<>();

  @AfterEach
  void stop() {
    channels.forEach(JChannel::close);
    watchdog.shutdownNow();
  }

  private JChannel member(Path dataDir, String site, int index) throws Exception {
    String hosts = "127.0.0.1[" + BASE_PORT + "],127.0.0.1[" + (BASE_PORT + 1) + "]";
    String xml =
        """
        <config xmlns="urn:org:jgroups">
          <TCP bind_addr="127.0.0.1" bind_port="%d" port_range="0" sock_conn_timeout="300ms" diag.enabled="false"/>
          <TCPPING initial_hosts="%s" port_range="0"/>
          <MERGE3 min_interval="500ms" max_interval="1s"/>
          <pbcast.NAKACK2 use_mcast_xmit="false"/>
          <UNICAST3/>
          <pbcast.STABLE/>
          <pbcast.GMS join_timeout="2000ms" print_local_addr="false"/>
        </config>
        """
            .formatted(BASE_PORT + index, hosts);
    JChannel channel = new JChannel(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    channel.setName(site);
    channel.getProtocolStack().getTransport().setSocketFactory(
        SiteLinkSocketFactory.create(
            SiteLinkTls.contextFor(TestSiteLinks.ensure(dataDir, site, "GOV"), SITES), 1000, watchdog));
    channels.add(channel);
    channel.connect("site-link-test");
    return channel;
  }

  @Test
  void shouldFormOneViewOfTwoFederationSites() throws Exception {
    JChannel home = member(state, "home", 0);
    JChannel lux = member(state, "lux", 1);
    Util.waitUntilAllChannelsHaveSameView(10_000, 100, home, lux);
    assertThat(home.getView().getMembers()).hasSize(2);
  }

  @Test
  void shouldNeverAdmitAMemberWithACertificateFromAnotherCa() throws Exception {
    JChannel home = member(state, "home", 0);
    JChannel impostor = member(foreign, "lux", 1);
    // discovery and several merge rounds get every chance to (wrongly) join them
    assertThatThrownBy(() -> Util.waitUntilAllChannelsHaveSameView(4_000, 100, home, impostor))
        .isInstanceOf(TimeoutException.class);
    assertThat(home.getView().getMembers()).hasSize(1);
    assertThat(impostor.getView().getMembers()).hasSize(1);
  }
}
