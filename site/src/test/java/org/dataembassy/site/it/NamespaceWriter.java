package org.dataembassy.site.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client inside a site's network namespace that registers parcels in a loop with real {@code
 * curl} (trusting only the state CA), for as long as the test lets it or {@code limitSeconds}.
 * It keeps writing while its site is cut off from the others: what it is told is the evidence of
 * what the isolated site acknowledged.
 */
public final class NamespaceWriter implements AutoCloseable {

  private final Process process;
  private final Thread reader;
  public final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
  public final ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();

  public NamespaceWriter(
      NetworkLab lab, String site, String url, String caFile, String operatorDir, int block, int limitSeconds)
      throws IOException {
    String body =
        "{\"cadastralId\":\"%s\",\"address\":\"Tamme 5\",\"areaM2\":10,\"purpose\":\"residential\","
            + "\"owners\":[{\"personalCode\":\"38001010009\",\"name\":\"Mari\",\"share\":\"1/1\"}]}";
    String script =
        "n=0; while [ $n -lt 9999 ]; do id=$(printf '78401:%03d:%04d' " + block + " $n);"
            + " code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 --cacert '" + caFile + "'"
            + " -H 'Content-Type: application/json' --cert '" + operatorDir + "/cert.pem' --key '" + operatorDir + "/key.pem' -d \"$(printf '" + body + "' \"$id\")\""
            + " '" + url + "/parcels');"
            + " echo \"$id $code\"; n=$((n+1)); sleep 0.02; done";
    this.process =
        lab.startIn(site, List.of("timeout", Integer.toString(limitSeconds), "bash", "-c", script));
    this.reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  String[] parts = line.trim().split(" ");
                  if (parts.length == 2 && parts[1].equals("201")) {
                    acknowledged.add(parts[0]);
                  } else {
                    refused.add(line);
                  }
                }
              } catch (IOException ignored) {
                // the process was stopped
              }
            },
            "namespace-writer-" + site);
    reader.start();
  }

  /** Stops the loop (this process only) and waits for its last lines. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    reader.join(10_000);
  }
}
