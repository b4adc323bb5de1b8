package org.dataembassy.runtime.crypto.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * The PIN that logs a site in to its token: from an environment variable, else from a file only
 * its owner can read (a file others can read is refused, as ssh refuses such a key). Never from
 * the repository, never logged.
 */
public final class TokenPin {

  private TokenPin() {}

  public static char[] read(Optional<String> fromEnvironment, Path file) throws IOException {
    if (fromEnvironment.isPresent() && !fromEnvironment.get().isBlank()) {
      return fromEnvironment.get().trim().toCharArray();
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException("the token PIN file " + file + " is missing (or set EMBASSY_CRYPTO_TOKEN_PIN)");
    }
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
    if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
      throw new IOException("the token PIN file " + file + " is readable by others: chmod 600 it");
    }
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim().toCharArray();
  }
}
