package org.dataembassy.site;

import org.dataembassy.runtime.crypto.SigningProvider;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import org.dataembassy.runtime.crypto.HttpsIdentity;

/**
 * Starts a site. Before Quarkus starts its HTTPS server, the site checks that the key ceremony
 * gave it a TLS certificate from the state CA (it makes none itself: it stops naming the file), and activates
 * the configured projection database. Both happen before Quarkus reads its configuration, so they
 * read {@code embassy.*} settings from system properties or environment variables directly.
 */
@QuarkusMain
public final class SiteMain {

  private SiteMain() {}

  public static void main(String... args) throws Exception {
    String siteId = setting("embassy.site.id", "home");
    Path dataDir = Path.of(setting("embassy.site.data-dir", "data")).toAbsolutePath().normalize();
    String zone = setting("embassy.federation.zone", "gov.example");
    String address =
        setting("embassy.federation.sites." + siteId + ".address", defaultAddress(siteId));
    System.setProperty("embassy.site.data-dir", dataDir.toString());
    ownerOnly(dataDir.resolve(siteId)); // the host's other accounts see nothing of a site's files
    try {
      HttpsIdentity.require(dataDir, siteId); // the key ceremony certified it, never here
    } catch (java.io.IOException e) {
      System.err.println("EMB-RT-002 " + e.getMessage());
      System.exit(1);
    }
    DatabaseSelection.apply(setting("embassy.database.kind", "h2"));
    if (Boolean.parseBoolean(setting("embassy.crypto.install-accp", "false"))) {
      System.out.println(
          SigningProvider.installFirst()
              ? "EMB-CR-003 Amazon Corretto Crypto Provider installed first: TLS, digests and signatures use native code"
              : "EMB-CR-004 Amazon Corretto Crypto Provider not available: the JDK's providers serve TLS");
    }
    Quarkus.run(args);
  }

  private static void ownerOnly(Path dir) throws java.io.IOException {
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
  }

  /** A setting from a system property, else its environment variable, else the default. */
  static String setting(String key, String defaultValue) {
    String value = System.getProperty(key);
    if (value == null) {
      value = System.getenv(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
    }
    return value == null || value.isBlank() ? defaultValue : value;
  }

  private static String defaultAddress(String siteId) {
    return switch (siteId) {
      case "home" -> "127.0.0.11";
      case "lux" -> "127.0.0.12";
      case "emb2" -> "127.0.0.13";
      default -> "127.0.0.1";
    };
  }
}
