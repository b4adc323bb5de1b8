package org.dataembassy.runtime.crypto.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dataembassy.runtime.crypto.Pem;

/**
 * Makes a SoftHSM2 token for a site or the state, the local stand-in for an HSM partition: {@code
 * softhsm2-util --init-token} under the SoftHSM configuration named by {@code SOFTHSM2_CONF}
 * (written here if missing, its token directory beside it), a random PIN in {@code
 * DIR/token/pin} (owner-only), and the SunPKCS11 configuration {@code DIR/token/pkcs11.cfg} that
 * names the token's slot and makes every generated key a sensitive, non-extractable token object.
 * SoftHSM moves an initialised token to a slot id of its own; the id printed is the one used.
 */
public final class SoftHsmToken {

  /** Where Debian's {@code softhsm2} package puts the PKCS#11 module. */
  public static final List<String> LIBRARIES =
      List.of("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so");

  private static final Pattern REASSIGNED = Pattern.compile("reassigned to slot (\\d+)");
  private static final SecureRandom RANDOM = new SecureRandom();

  private SoftHsmToken() {}

  /**
   * Initialises the token of {@code dir} unless it has one already; returns whether it made one.
   *
   * @param softHsmConfig the SoftHSM configuration this process and the site will use ({@code
   *     SOFTHSM2_CONF})
   */
  public static boolean initialise(Path dir, Path softHsmConfig, String label) throws IOException {
    Path pkcs11 = KeyCeremony.tokenConfig(dir);
    if (Files.exists(pkcs11)) {
      return false;
    }
    String library = library().orElseThrow(() -> new IOException(
        "SoftHSM2 is not installed (" + LIBRARIES.get(0) + "): apt-get install softhsm2"));
    if (!Files.exists(softHsmConfig)) {
      Path objects = softHsmConfig.toAbsolutePath().getParent().resolve("objects");
      Files.createDirectories(objects);
      Pem.write(
          softHsmConfig,
          "directories.tokendir = " + objects + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n",
          true);
    }
    String pin = randomPin();
    String soPin = randomPin();
    ProcessBuilder builder =
        new ProcessBuilder(
                "softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", soPin)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("SOFTHSM2_CONF", softHsmConfig.toAbsolutePath().toString());
    Process process = builder.start();
    String output;
    try {
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("softhsm2-util --init-token failed: " + output.trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making the token", e);
    }
    Matcher slot = REASSIGNED.matcher(output);
    if (!slot.find()) {
      throw new IOException("softhsm2-util did not say which slot it gave the token: " + output.trim());
    }
    Pem.write(KeyCeremony.pinFile(dir), pin + "\n", true);
    Pem.write(pkcs11, pkcs11Config(label, library, slot.group(1)), true);
    return true;
  }

  static String pkcs11Config(String label, String library, String slot) {
    String secret = "  CKA_TOKEN = true\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n";
    return "name = " + label.replaceAll("[^A-Za-z0-9]", "") + "\n"
        + "library = " + library + "\n"
        + "slot = " + slot + "\n"
        + "attributes(generate, CKO_SECRET_KEY, *) = {\n" + secret + "}\n"
        + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n" + secret + "}\n";
  }

  public static Optional<String> library() {
    return LIBRARIES.stream().filter(l -> Files.exists(Path.of(l))).findFirst();
  }

  private static String randomPin() {
    StringBuilder pin = new StringBuilder(20);
    for (int i = 0; i < 20; i++) {
      pin.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return pin.toString();
  }
}
