package org.dataembassy.cli.ceremony;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Relays one site's certification between two ceremony processes: the site's ({@code
 * certify-keys}, its token) prints its requests, ending with {@code end}; they go to the state's
 * ({@code certify}, the state's token), whose certificates go back to the site's. The state's
 * process starts only if the site asks for something. Both are killed if the exchange takes longer
 * than its timeout.
 */
final class CertificationExchange {

  private static final int MAX_MESSAGE = 256 * 1024;
  private static final byte[] END = "end\n".getBytes(StandardCharsets.US_ASCII);

  private final long timeoutSeconds;
  private final List<Process> started = new CopyOnWriteArrayList<>();

  CertificationExchange(long timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  void run(ProcessBuilder siteStep, ProcessBuilder stateStep) throws IOException {
    Thread watchdog = new Thread(this::killWhenLate, "ceremony-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      Process site = start(siteStep);
      byte[] requests = message(site.getInputStream());
      if (requests == null) {
        KeyCeremonyRunner.finish(site, siteStep); // names the site's error
        throw new IOException("the site's ceremony step ended before its requests (step certify-keys)");
      }
      byte[] certificates = END;
      if (!java.util.Arrays.equals(requests, END)) {
        Process state = start(stateStep);
        try (OutputStream in = state.getOutputStream()) {
          in.write(requests);
        }
        certificates = KeyCeremonyRunner.finish(state, stateStep).getBytes(StandardCharsets.US_ASCII);
      }
      try (OutputStream in = site.getOutputStream()) {
        in.write(certificates);
      }
      KeyCeremonyRunner.finish(site, siteStep);
    } finally {
      watchdog.interrupt();
      started.forEach(Process::destroyForcibly);
    }
  }

  private Process start(ProcessBuilder builder) throws IOException {
    Process process = builder.start();
    started.add(process);
    return process;
  }

  /** What the process printed up to and including a line {@code end}; null if it stopped before. */
  private static byte[] message(InputStream out) throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    int lineStart = 0;
    while (message.size() < MAX_MESSAGE) {
      int b = out.read();
      if (b < 0) {
        return null;
      }
      message.write(b);
      if (b == '\n') {
        byte[] sofar = message.toByteArray();
        if (sofar.length - lineStart == END.length
            && java.util.Arrays.equals(sofar, lineStart, sofar.length, END, 0, END.length)) {
          return sofar;
        }
        lineStart = sofar.length;
      }
    }
    throw new IOException("the site's certification requests are longer than " + MAX_MESSAGE + " bytes");
  }

  private void killWhenLate() {
    try {
      Thread.sleep(timeoutSeconds * 1000);
      started.forEach(Process::destroyForcibly);
    } catch (InterruptedException e) {
      // the exchange finished in time
    }
  }
}
