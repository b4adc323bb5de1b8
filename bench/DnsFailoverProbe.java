import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * One DNS failover cycle ({@code java -cp dnsjava.jar bench/DnsFailoverProbe.java PID OLD_ADDRESS
 * SITES PDNS RUN}): kills the active site's process (SIGKILL) and measures, polling every 10 ms,
 * (a) how long until every surviving site's DNS server answers {@code land.gov.example} with one
 * same address other than the killed site's, and (b) how long until PowerDNS, health-checking the
 * sites with an {@code ifurlup} LUA record, stops answering the killed site's address.
 * SITES: {@code addr:port,addr:port}; PDNS: {@code addr:port}. Prints one line.
 */
public class DnsFailoverProbe {

  public static void main(String[] args) throws Exception {
    long pid = Long.parseLong(args[0]);
    String old = args[1];
    List<SimpleResolver> sites = new ArrayList<>();
    for (String s : args[2].split(",")) {
      sites.add(resolver(s));
    }
    SimpleResolver pdns = resolver(args[3]);
    String run = args[4];
    ProcessHandle victim = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
    long killed = System.nanoTime();
    victim.destroyForcibly();
    long ours = -1;
    long theirs = -1;
    String oursAnswer = "";
    String theirAnswer = "";
    long deadline = killed + Duration.ofSeconds(60).toNanos();
    while ((ours < 0 || theirs < 0) && System.nanoTime() < deadline) {
      if (ours < 0) {
        String first = null;
        boolean all = true;
        for (SimpleResolver site : sites) {
          Optional<String> a = answer(site);
          if (a.isEmpty() || a.get().equals(old) || (first != null && !first.equals(a.get()))) {
            all = false;
            break;
          }
          first = a.get();
        }
        if (all) {
          ours = (System.nanoTime() - killed) / 1_000_000;
          oursAnswer = first;
        }
      }
      if (theirs < 0) {
        Optional<String> a = answer(pdns);
        if (a.isPresent() && !a.get().contains(old)) {
          theirs = (System.nanoTime() - killed) / 1_000_000;
          theirAnswer = a.get();
        }
      }
      Thread.sleep(10); // the measurement's resolution: both are asked every 10 ms until the deadline
    }
    System.out.printf(
        "run %s embassy_ms=%d (%s) powerdns_ms=%d (%s)%n", run, ours, oursAnswer, theirs, theirAnswer);
  }

  private static SimpleResolver resolver(String hostPort) throws Exception {
    String[] hp = hostPort.split(":");
    SimpleResolver r = new SimpleResolver(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])));
    r.setTimeout(Duration.ofMillis(200));
    return r;
  }

  /** The A records' addresses, comma-separated, or empty if no answer came. */
  private static Optional<String> answer(SimpleResolver resolver) {
    try {
      Message m = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("land.gov.example."), Type.A, DClass.IN)));
      List<String> addresses = m.getSection(Section.ANSWER).stream().map(Record::rdataToString).sorted().toList();
      return addresses.isEmpty() ? Optional.empty() : Optional.of(String.join(",", addresses));
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
