package org.dataembassy.site.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server of the test's own: initdb + pg_ctl from the Debian {@code postgresql}
 * package, in a temporary directory, on a free loopback port; no system service involved. As root
 * (CI), the server runs as the {@code postgres} user, since PostgreSQL refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String USER = "embassy";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asRoot;

  private PostgresServer(Path bin, Path dir, int port, boolean asRoot) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asRoot = asRoot;
  }

  /** Initialises and starts a server; fails loudly if PostgreSQL is not installed. */
  public static PostgresServer start() throws IOException, InterruptedException {
    Path bin = findBin();
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("embassy-pg-");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    PostgresServer server = new PostgresServer(bin, dir, port, asRoot);
    if (asRoot) {
      server.exec(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
    }
    server.exec(
        List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
            "-U", USER, "--auth=trust", "--no-sync", "-E", "UTF8"),
        true);
    server.exec(
        List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
            "-t", "60", "-l", dir.resolve("server.log").toString(),
            "-o", "-h 127.0.0.1 -p " + port + " -k " + dir + " -c fsync=off", "start"),
        true);
    return server;
  }

  public void createDatabase(String name) throws IOException, InterruptedException {
    exec(
        List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
            "-U", USER, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", "create database " + name),
        true);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Counts rows with psql, to check what a site wrote into its own database. */
  public String query(String database, String sql) throws IOException, InterruptedException {
    return exec(
            List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", USER, "-d", database, "-At", "-c", sql),
            true)
        .trim();
  }

  /** Every row of every table of a database, as {@code pg_dump --data-only} writes them. */
  public String dumpData(String database) throws IOException, InterruptedException {
    return exec(
        List.of(bin.resolve("pg_dump").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
            "-U", USER, "--data-only", database),
        true);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    exec(
        List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
            "-m", "immediate", "stop"),
        true);
    TestFiles.deleteRecursively(dir);
  }

  private String exec(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asRoot && asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("command failed: " + String.join(" ", command) + "\n" + out);
    }
    return out;
  }

  private static Path findBin() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      throw new IOException(
          "PostgreSQL is not installed (apt-get install postgresql); .ci/run installs it");
    }
    try (var versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
          .orElseThrow(() -> new IOException("no initdb under " + root));
    }
  }
}
