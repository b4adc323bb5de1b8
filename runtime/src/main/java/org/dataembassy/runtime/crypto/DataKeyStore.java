package org.dataembassy.runtime.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The state's data key (AES-256) that seals journal payloads. In the local federation it is created
 * at first start under {@code <data-dir>/keys/state-data.key} (owner-only) and shared by the sites;
 * in production the state delivers it to each site it controls.
 */
public final class DataKeyStore {

  private DataKeyStore() {}

  public static SecretKey loadOrCreate(Path keyFile) throws IOException {
    return KeyFileLock.underLock(
          keyFile.resolveSibling(".lock"),
          () -> {
            if (Files.exists(keyFile)) {
              byte[] raw = Base64.getDecoder().decode(Files.readString(keyFile).trim());
              if (raw.length != 32) {
                throw new IOException("the data key in " + keyFile + " is not 256 bits");
              }
              return new SecretKeySpec(raw, "AES");
            }
            KeyGenerator generator = newGenerator();
            generator.init(256);
            SecretKey key = generator.generateKey();
            Pem.write(keyFile, Base64.getEncoder().encodeToString(key.getEncoded()) + "\n", true);
            return key;
          });
  }

  private static KeyGenerator newGenerator() {
    try {
      return KeyGenerator.getInstance("AES");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
