package org.dataembassy.site.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real {@code dig} (bind9-dnsutils) against a site's DNS server and reads its answer. */
public final class Dig {

  private static final Pattern STATUS = Pattern.compile("status: (\\w+)");
  private static final Pattern FLAGS = Pattern.compile(";; flags: ([a-z ]*);");

  /** What dig printed, by part. Records as "name ttl class type data", whitespace-collapsed. */
  public record Answer(String status, Set<String> flags, List<String> answer, List<String> authority,
      List<String> additional, boolean edns, String raw) {

    /** The data of the answer records of {@code type}. */
    public List<String> data(String type) {
      return answer.stream().map(r -> r.split(" ")).filter(f -> f.length >= 5 && f[3].equals(type))
          .map(f -> String.join(" ", Arrays.copyOfRange(f, 4, f.length))).toList();
    }
  }

  private Dig() {}

  public static Answer query(String server, int port, String name, String type, String... options)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("dig", "@" + server, "-p", Integer.toString(port),
        "+time=2", "+tries=1", "+norec", name, type));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("dig did not finish: " + command);
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Matcher status = STATUS.matcher(out);
    Matcher flags = FLAGS.matcher(out);
    return new Answer(
        status.find() ? status.group(1) : "NO_ANSWER",
        flags.find() ? new LinkedHashSet<>(List.of(flags.group(1).trim().split(" "))) : Set.of(),
        section(out, "ANSWER"),
        section(out, "AUTHORITY"),
        section(out, "ADDITIONAL"),
        out.contains("OPT PSEUDOSECTION"),
        out);
  }

  /** The zone's SOA serial as {@code server} answers it. */
  public static long serial(String server, int port, String zone) throws IOException, InterruptedException {
    Answer soa = query(server, port, zone, "SOA");
    return Long.parseLong(soa.data("SOA").get(0).split(" ")[2]);
  }

  /**
   * Waits (bounded) until every one of {@code siteIds} answers {@code land.gov.example} with
   * {@code address} and a SOA serial above {@code serialBefore}.
   */
  public static void awaitEverySiteAnswers(FederationHarness sites, List<String> siteIds, String address, long serialBefore) {
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> {
          for (String site : siteIds) {
            Answer a = query(sites.address(site), PORT, "land.gov.example", "A");
            assertThat(a.data("A")).as("%s: %s", site, a.raw()).containsExactly(address);
            assertThat(serial(sites.address(site), PORT, "gov.example")).isGreaterThan(serialBefore);
          }
        });
  }

  /** The DNS port of every site in the local federation. */
  public static final int PORT = 5353;

  private static List<String> section(String out, String name) {
    List<String> records = new ArrayList<>();
    boolean in = false;
    for (String line : out.split("\\R")) {
      if (line.startsWith(";; " + name + " SECTION:")) {
        in = true;
      } else if (in && (line.isBlank() || line.startsWith(";;"))) {
        in = false;
      } else if (in) {
        records.add(line.trim().replaceAll("\\s+", " "));
      }
    }
    return records;
  }
}
