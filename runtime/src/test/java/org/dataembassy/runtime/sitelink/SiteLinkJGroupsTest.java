package org.dataembassy.runtime.sitelink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jgroups.JChannel;
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
            SiteLinkTls.contextFor(SiteLinkCertificates.ensure(dataDir, site, "GOV"), SITES), 1000, watchdog));
    channels.add(channel);
    channel.connect("site-link-test");
    return channel;
  }

  private static void awaitViewSize(JChannel channel, int size, long withinMs) throws InterruptedException {
    long deadline = System.nanoTime() + withinMs * 1_000_000;
    while (channel.getView().size() != size && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  @Test
  void shouldFormOneViewOfTwoFederationSites() throws Exception {
    JChannel home = member(state, "home", 0);
    JChannel lux = member(state, "lux", 1);
    awaitViewSize(home, 2, 10_000);
    assertThat(home.getView().getMembers()).hasSize(2);
    assertThat(lux.getView().getViewId()).isEqualTo(home.getView().getViewId());
  }

  @Test
  void shouldNeverAdmitAMemberWithACertificateFromAnotherCa() throws Exception {
    JChannel home = member(state, "home", 0);
    JChannel impostor = member(foreign, "lux", 1);
    // give discovery and two merge rounds every chance to (wrongly) join them
    awaitViewSize(home, 2, 4_000);
    assertThat(home.getView().getMembers()).hasSize(1);
    assertThat(impostor.getView().getMembers()).hasSize(1);
  }
}
