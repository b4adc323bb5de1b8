package org.dataembassy.cli.ceremony;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dataembassy.cli.federation.FederationLayout;

/**
 * Runs the state's key ceremony for the local federation: the state's own token under {@code
 * data/state/} (standing for the state's offline key ceremony) makes the state's data and index
 * keys; each site gets a token of its own under {@code data/<site>/token/} and the keys sealed
 * under it in {@code data/<site>/keys/}. Every step is the site application's {@code KeyCeremony}
 * program, run once per token with that token's {@code SOFTHSM2_CONF}; between the state's token
 * and a site's the keys pass through a pipe between two such processes, never through a file.
 */
public final class KeyCeremonyRunner {

  private static final String PROGRAM = "org.dataembassy.runtime.crypto.token.KeyCeremony";
  private static final long STEP_TIMEOUT_SECONDS = 60;

  private final FederationLayout layout;

  public KeyCeremonyRunner(FederationLayout layout) {
    this.layout = layout;
  }

  public Path stateDir() {
    return layout.dataDir().resolve("state");
  }

  /** The SoftHSM configuration a token directory's processes run with. */
  public static Path softHsmConfig(Path dir) {
    return dir.resolve("token").resolve("softhsm2.conf");
  }

  /**
   * Whether a site's token, keys and certificates are in place and its certificates not due for
   * renewal (nothing to do before starting it).
   */
  public boolean delivered(String site) {
    Path dir = layout.siteDir(site);
    return Files.exists(dir.resolve("token").resolve("pkcs11.cfg"))
        && Files.exists(journalCertificate(dir, site))
        && Files.exists(dir.resolve("keys").resolve("index-key.sealed"))
        && SiteCertificateFiles.current(dir.resolve("pki").resolve("issuing-ca-" + site + ".pem"))
        && SiteCertificateFiles.current(dir.resolve("tls").resolve("link-cert.pem"));
  }

  /** Makes what is missing: the state's token and keys, then each site's token and copy of them. */
  public List<String> ensure(List<String> sites) throws IOException {
    refuseEarlierLayout();
    List<String> done = new ArrayList<>();
    for (String site : sites) {
      if (!delivered(site)) {
        ensureState();
        ownerOnly(layout.siteDir(site));
        // the state's process refuses to export its keys for a site it revoked
        ProcessBuilder export = step("export", stateDir());
        export.command().add(site);
        pipe(export, step("import", layout.siteDir(site)));
        certify(site);
        done.add(site);
      }
    }
    distributePublicCertificates();
    if (delegateOcsp()) {
      distributePublicCertificates();
    }
    distributeRevocations();
    ensureOperator();
    return done;
  }

  /**
   * Revokes a site lost to its host: every certificate the state root issued to it goes on the
   * root's revocation list (signed in the state's token), which is handed to every site; the
   * running ones refuse the site within a second. Returns how many of its certificates the list
   * names.
   */
  public int revokeSite(String site) throws IOException {
    refuseEarlierLayout();
    if (layout.site(site).isEmpty()) {
      throw new IOException("no site " + site + " in this federation");
    }
    if (!Files.exists(layout.caCertificate())) {
      throw new IOException("no state root yet: start the federation first (./embassy up)");
    }
    ProcessBuilder revoke = step("revoke-site", stateDir());
    revoke.command().add(site);
    String count = run(revoke).trim();
    distributeRevocations();
    try {
      return Integer.parseInt(count);
    } catch (NumberFormatException e) {
      throw new IOException("the key ceremony did not say how many certificates it revoked: " + count);
    }
  }

  /** The state root's revocation list, as the state's ceremony signed it. */
  public Path revocationList() {
    return stateDir().resolve(REVOCATION_LIST);
  }

  /** The state's revocation list, if any, in every site's {@code pki/} (replaced atomically). */
  private void distributeRevocations() throws IOException {
    Path list = stateDir().resolve(REVOCATION_LIST);
    if (!Files.exists(list)) {
      return;
    }
    for (var to : layout.sites()) {
      Path copy = layout.siteDir(to.id()).resolve("pki").resolve(REVOCATION_LIST);
      if (!Files.exists(copy) || Files.mismatch(list, copy) != -1) {
        Files.createDirectories(copy.getParent());
        Path tmp = copy.resolveSibling(REVOCATION_LIST + ".tmp");
        Files.copy(list, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, copy, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The state root's revocation list, in {@code data/state/} and in every site's {@code pki/}. */
  public static final String REVOCATION_LIST = "revoked-sites.crl";

  /**
   * The local federation's first operator: a certificate from the state root with the role
   * operator, and its key, in {@code data/operator/} (outside every site's directory), unless a
   * current one is there.
   */
  private void ensureOperator() throws IOException {
    Path dir = layout.operatorDir();
    if (Files.exists(dir.resolve("cert.pem")) && Files.exists(dir.resolve("key.pem"))
        && SiteCertificateFiles.current(dir.resolve("cert.pem"))) {
      return;
    }
    run(operatorStep(dir, "operator", "operator"));
  }

  /**
   * Issues a person's certificate from the state root: {@code role} operator or auditor, into
   * {@code dir} ({@code cert.pem}, {@code key.pem} owner-only); returns its subject.
   */
  public String issueOperator(Path dir, String name, String role) throws IOException {
    refuseEarlierLayout();
    if (!Files.exists(layout.caCertificate())) {
      throw new IOException("no state CA yet: start the federation first (./embassy up)");
    }
    return run(operatorStep(dir, name, role)).trim();
  }

  private ProcessBuilder operatorStep(Path dir, String name, String role) throws IOException {
    ProcessBuilder builder = step("operator", stateDir());
    builder.command().add(dir.toAbsolutePath().toString());
    builder.command().add(name);
    builder.command().add(role);
    return builder;
  }

  /**
   * Certifies a site's keys with the state root: the site's token makes the keys that need a
   * certificate and prints a request for each; the state's token certifies them; the
   * certificates go back to the site's token. Two processes, each seeing its own token only; what
   * passes between them is public (requests and certificates).
   */
  private void certify(String site) throws IOException {
    ProcessBuilder siteStep = step("certify-keys", layout.siteDir(site));
    ProcessBuilder stateStep = step("certify", stateDir());
    stateStep.command().add(site);
    new CertificationExchange(STEP_TIMEOUT_SECONDS).run(siteStep, stateStep);
  }

  /**
   * A new data key version: made in the state's token, then delivered to every site's token. The
   * sites switch to it when told ({@code POST /operator/data-keys}); returns the new version.
   */
  public int rotate() throws IOException {
    refuseEarlierLayout();
    if (!Files.exists(stateDir().resolve("keys").resolve("index-key.sealed"))) {
      throw new IOException("no state keys yet: start the federation first (./embassy up)");
    }
    String version = run(step("rotate", stateDir())).trim();
    for (var site : layout.sites()) {
      pipe(step("export", stateDir()), step("import", layout.siteDir(site.id())));
    }
    try {
      return Integer.parseInt(version);
    } catch (NumberFormatException e) {
      throw new IOException("the key ceremony did not say which version it made: " + version);
    }
  }

  /**
   * Gives every site the public certificates of every other site (a site's own end in {@code
   * -<site>.pem} in its {@code pki/}: its journal-signing certificate, its issuing CA, its OCSP
   * responder and the OCSP delegations its issuing CA made), as the ceremony hands them out.
   */
  private void distributePublicCertificates() throws IOException {
    for (var from : layout.sites()) {
      Path pki = layout.siteDir(from.id()).resolve("pki");
      if (!Files.isDirectory(pki)) {
        continue;
      }
      List<Path> own = new ArrayList<>();
      try (var files = Files.newDirectoryStream(pki, "*-" + from.id() + ".pem")) {
        files.forEach(own::add);
      }
      for (Path file : own) {
        for (var to : layout.sites()) {
          Path copy = layout.siteDir(to.id()).resolve("pki").resolve(file.getFileName());
          if (!to.id().equals(from.id()) && (!Files.exists(copy) || Files.mismatch(file, copy) != -1)) {
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
  }

  /**
   * Has each site's issuing CA delegate OCSP to every site's responder where it has not yet (a
   * step in that site's token); returns whether any site was asked.
   */
  private boolean delegateOcsp() throws IOException {
    boolean asked = false;
    for (var issuer : layout.sites()) {
      Path pki = layout.siteDir(issuer.id()).resolve("pki");
      if (!Files.exists(pki.resolve("issuing-ca-" + issuer.id() + ".pem"))) {
        continue;
      }
      boolean missing = false;
      for (var responder : layout.sites()) {
        Path certificate = pki.resolve("ocsp-" + responder.id() + ".pem");
        Path delegation = pki.resolve("ocsp-" + responder.id() + "-by-" + issuer.id() + ".pem");
        missing |= Files.exists(certificate)
            && (!Files.exists(delegation) || Files.getLastModifiedTime(delegation).compareTo(Files.getLastModifiedTime(certificate)) < 0);
      }
      if (missing) {
        run(step("delegate-ocsp", layout.siteDir(issuer.id())));
        asked = true;
      }
    }
    return asked;
  }

  private static Path journalCertificate(Path siteDir, String site) {
    return siteDir.resolve("pki").resolve("journal-" + site + ".pem");
  }

  private void ensureState() throws IOException {
    if (!Files.exists(stateDir().resolve("keys").resolve("index-key.sealed")) || !Files.exists(layout.caCertificate())) {
      ownerOnly(stateDir());
      run(step("init-state", stateDir()));
    }
  }

  private void refuseEarlierLayout() throws IOException {
    for (var plain : List.of(
        List.of("keys", "state-data.key", "the data key"), List.of("ca", "ca-key.pem", "the state root's key"))) {
      if (Files.exists(layout.dataDir().resolve(plain.get(0)).resolve(plain.get(1)))) {
        throw new IOException(
            layout.dataDir() + " was made by an earlier Embassy that kept " + plain.get(2) + " in a plain file:"
                + " stop it and remove it (./embassy down; rm -rf " + layout.dataDir() + ")");
      }
    }
  }

  ProcessBuilder step(String name, Path dir) throws IOException {
    Path lib = layout.siteApp().resolveSibling("lib").resolve("main");
    if (!Files.isDirectory(lib)) {
      throw new IOException("the site application is not built: " + lib);
    }
    ProcessBuilder builder =
        new ProcessBuilder(
            javaBinary(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-cp", lib.resolveSibling("boot") + "/*:" + lib + "/*", PROGRAM, name, dir.toString());
    builder.environment().put("SOFTHSM2_CONF", softHsmConfig(dir).toString());
    builder.environment().remove("EMBASSY_CRYPTO_TOKEN_PIN"); // each token has its own PIN file
    return builder;
  }

  private static String run(ProcessBuilder builder) throws IOException {
    Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    return finish(process, builder);
  }

  /** Runs {@code from | to}: what {@code from} prints goes to {@code to} alone. */
  private static void pipe(ProcessBuilder from, ProcessBuilder to) throws IOException {
    from.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    from.redirectError(ProcessBuilder.Redirect.PIPE);
    List<Process> pipeline = ProcessBuilder.startPipeline(List.of(from, to));
    String fromErrors = new String(pipeline.get(0).getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!pipeline.get(0).waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS) || pipeline.get(0).exitValue() != 0) {
        pipeline.forEach(Process::destroyForcibly);
        throw new IOException(oneLine(fromErrors, from));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pipeline.forEach(Process::destroyForcibly);
      throw new IOException("interrupted during the key ceremony", e);
    }
    finish(pipeline.get(1), to);
  }

  static String finish(Process process, ProcessBuilder builder) throws IOException {
    var errors = new java.util.concurrent.CompletableFuture<String>();
    Thread reader = new Thread(() -> {
      try {
        errors.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        errors.complete("");
      }
    });
    reader.setDaemon(true);
    reader.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("the key ceremony step " + builder.command().get(builder.command().size() - 2) + " did not finish");
      }
      if (process.exitValue() != 0) {
        throw new IOException(oneLine(errors.get(5, TimeUnit.SECONDS), builder));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during the key ceremony", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("the key ceremony step failed", e);
    }
    return output;
  }

  static String oneLine(String errors, ProcessBuilder builder) {
    String line = errors.lines().filter(l -> l.startsWith("key ceremony:")).findFirst()
        .orElse(errors.lines().findFirst().orElse("failed"));
    List<String> cmd = builder.command();
    return line + " (step " + cmd.get(cmd.size() - 2) + " " + cmd.get(cmd.size() - 1) + ")";
  }

  private static void ownerOnly(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
