package org.dataembassy.runtime.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.crypto.KeyFileLock;
import org.dataembassy.runtime.crypto.Pem;
import org.dataembassy.runtime.rest.ProblemException;

/**
 * The operator credential of the local federation: a random token in {@code
 * <data-dir>/operator.token} (owner-only), created at first start. Operator calls present it as
 * {@code Authorization: Bearer <token>}. (The mTLS operator API with operator certificates from the
 * state CA replaces it.)
 */
@ApplicationScoped
public class OperatorToken {

  public static final String FILE = "operator.token";

  @Inject SiteConfig site;

  private volatile byte[] token;

  void create(@Observes StartupEvent event) {
    token(); // at first start, so operators and ./embassy find it before their first call
  }

  /** True if {@code bearer} (the value after {@code Bearer }) is the operator token. */
  public boolean matches(String bearer) {
    return bearer != null && MessageDigest.isEqual(bearer.getBytes(StandardCharsets.UTF_8), token());
  }

  /** Throws 401 unless the header carries the operator token. */
  public void check(String authorization) {
    if (!matches(BearerToken.of(authorization))) {
      throw new ProblemException(
          SecurityProblem.UNAUTHENTICATED,
          "Operator calls carry 'Authorization: Bearer <token>' from " + FILE + ".");
    }
  }

  private byte[] token() {
    if (token == null) {
      token = loadOrCreate(site.dataDir().resolve(FILE)).getBytes(StandardCharsets.UTF_8);
    }
    return token;
  }

  static String loadOrCreate(Path file) {
    try {
      return KeyFileLock.underLock(
          file.resolveSibling(FILE + ".lock"),
          () -> {
            if (Files.exists(file)) {
              return Files.readString(file).trim();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String value = HexFormat.of().formatHex(random);
            Pem.write(file, value + "\n", true);
            return value;
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the operator token", e);
    }
  }
}
