package org.dataembassy.site.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dataembassy.cli.federation.SiteSpec;

/**
 * A small network of its own for a partition test: each site in its own network namespace, linked
 * by a veth pair to a bridge in a hub namespace; the test process reaches the bridge through one
 * more veth pair ({@code 10.231.N.1}). Cutting a site's link (taking its hub-side end down) isolates
 * it from every other site and from the test. Everything is created by the lab and removed by
 * {@link #close()} (deleting the hub namespace also removes the test's link).
 *
 * <p>Needs root (CAP_NET_ADMIN) and {@code ip} from iproute2. Where they are missing the lab fails
 * loudly: a partition test never passes by skipping.
 */
public final class NetworkLab implements AutoCloseable {

  private final String tag;
  private final int subnet;
  private final Map<String, String> addresses = new LinkedHashMap<>();

  private NetworkLab(String tag, int subnet) {
    this.tag = tag;
    this.subnet = subnet;
  }

  /**
   * @param tag short, unique per test (namespaces {@code emb-TAG-SITE}, links {@code TAG-SITE-h})
   * @param subnet the third octet of {@code 10.231.N.0/24}
   */
  public static NetworkLab create(String tag, int subnet, List<String> sites) {
    NetworkLab lab = new NetworkLab(tag, subnet);
    lab.removeLeftovers(sites);
    try {
      lab.ip("netns", "add", lab.hub());
      lab.ip("-n", lab.hub(), "link", "set", "lo", "up");
      lab.ip("-n", lab.hub(), "link", "add", "br0", "type", "bridge");
      lab.ip("-n", lab.hub(), "link", "set", "br0", "up");
      int host = 11;
      for (String site : sites) {
        String ns = lab.namespace(site);
        String address = "10.231." + subnet + "." + host++;
        lab.ip("netns", "add", ns);
        lab.ip("-n", ns, "link", "set", "lo", "up");
        lab.ip("-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", lab.hubEnd(site), "netns", lab.hub());
        lab.ip("-n", ns, "addr", "add", address + "/24", "dev", "eth0");
        lab.ip("-n", ns, "link", "set", "eth0", "up");
        lab.ip("-n", lab.hub(), "link", "set", lab.hubEnd(site), "master", "br0", "up");
        lab.addresses.put(site, address);
      }
      lab.ip("link", "add", lab.testEnd(), "type", "veth", "peer", "name", lab.testEnd() + "h", "netns", lab.hub());
      lab.ip("addr", "add", "10.231." + subnet + ".1/24", "dev", lab.testEnd());
      lab.ip("link", "set", lab.testEnd(), "up");
      lab.ip("-n", lab.hub(), "link", "set", lab.testEnd() + "h", "master", "br0", "up");
      return lab;
    } catch (RuntimeException e) {
      lab.close();
      throw new IllegalStateException(
          "cannot create the network namespaces this partition test needs (run as root with iproute2;"
              + " CI does): " + e.getMessage(),
          e);
    }
  }

  /** The sites placed in their namespaces, for a {@code FederationLayout}. */
  public List<SiteSpec> place(List<SiteSpec> sites) {
    List<SiteSpec> placed = new ArrayList<>();
    for (SiteSpec site : sites) {
      placed.add(site.inNamespace(namespace(site.id()), address(site.id())));
    }
    return placed;
  }

  public String address(String site) {
    return addresses.get(site);
  }

  public String namespace(String site) {
    return "emb-" + tag + "-" + site;
  }

  /** Isolates the site: its link to the bridge goes down. */
  public void cut(String site) {
    ip("-n", hub(), "link", "set", hubEnd(site), "down");
  }

  /** Restores the site's link. */
  public void heal(String site) {
    ip("-n", hub(), "link", "set", hubEnd(site), "up");
  }

  /** Runs a command inside a site's namespace, bounded in time; returns its standard output. */
  public String execIn(String site, long timeoutSeconds, String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace(site)));
    full.addAll(List.of(command));
    return run(full, timeoutSeconds);
  }

  /** Starts a command inside a site's namespace (the caller bounds it and waits for it). */
  public Process startIn(String site, List<String> command) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace(site)));
    full.addAll(command);
    return new ProcessBuilder(full).redirectErrorStream(true).start();
  }

  @Override
  public void close() {
    for (String site : new ArrayList<>(addresses.keySet())) {
      quietly("netns", "del", namespace(site));
    }
    quietly("netns", "del", hub());
    quietly("link", "del", testEnd());
  }

  private void removeLeftovers(List<String> sites) {
    for (String site : sites) {
      quietly("netns", "del", namespace(site));
    }
    quietly("netns", "del", hub());
    quietly("link", "del", testEnd());
  }

  private String hub() {
    return "emb-" + tag + "-hub";
  }

  private String hubEnd(String site) {
    return tag + "-" + site + "-h";
  }

  private String testEnd() {
    return tag + "-test";
  }

  private void ip(String... args) {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    run(command, 10);
  }

  private void quietly(String... args) {
    try {
      ip(args);
    } catch (RuntimeException ignored) {
      // not there: nothing to remove
    }
  }

  private static String run(List<String> command, long timeoutSeconds) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!done) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + ": no answer in " + timeoutSeconds + " s");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output.trim());
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
