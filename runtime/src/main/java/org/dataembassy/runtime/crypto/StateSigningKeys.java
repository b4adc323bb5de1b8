package org.dataembassy.runtime.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;

/**
 * The keys of the state's signing services (time-stamping authority, OCSP responder), certified by
 * the state CA. State key material delivered to every site: in the local federation they are
 * created with the CA at first start, under {@code <data-dir>/ca/} (owner-only), and every site
 * loads the same ones, so a token or response issued at an embassy verifies with the same chain.
 * They never enter a replicated cache.
 */
public final class StateSigningKeys {

  private static final Duration VALIDITY = Duration.ofDays(3 * 365);

  private StateSigningKeys() {}

  public static Path keyFile(Path dataDir, SigningService service) {
    return dataDir.resolve("ca").resolve(fileStem(service) + "-key.pem");
  }

  public static Path certificateFile(Path dataDir, SigningService service) {
    return dataDir.resolve("ca").resolve(fileStem(service) + "-cert.pem");
  }

  /** Loads the service's key and certificate, issuing them first if they do not exist yet. */
  public static SigningIdentity loadOrCreate(
      Path dataDir, StateCertificateAuthority ca, SigningService service) throws IOException {
    Path key = keyFile(dataDir, service);
    Path cert = certificateFile(dataDir, service);
    return KeyFileLock.underLock(
        dataDir.resolve("ca").resolve(".lock"),
        () -> {
          if (Files.exists(key) && Files.exists(cert)) {
            X509Certificate certificate = Pem.readCertificate(cert);
            return new SigningIdentity(Pem.readPrivateKey(key), certificate, ca.certificate());
          }
          var issued = ca.issueServiceCertificate(service, VALIDITY);
          Pem.write(key, issued.privateKeyPem(), true);
          Pem.write(cert, Pem.encode(issued.certificate()), false);
          return new SigningIdentity(issued.keyPair().getPrivate(), issued.certificate(), ca.certificate());
        });
  }

  private static String fileStem(SigningService service) {
    return service.name().toLowerCase(Locale.ROOT).replace("time_stamping", "tsa");
  }
}
