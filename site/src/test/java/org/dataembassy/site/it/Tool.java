package org.dataembassy.site.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real command-line client ({@code openssl}, {@code curl}) in a directory, bounded in time. */
public final class Tool {

  /** What the command printed and how it ended. */
  public record Result(int exit, String out) {
    public Result assertSuccess() {
      if (exit != 0) {
        throw new AssertionError("exit " + exit + ": " + out);
      }
      return this;
    }
  }

  private Tool() {}

  public static Result run(Path dir, String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("did not finish in 30 s: " + String.join(" ", command));
    }
    return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
