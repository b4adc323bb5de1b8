package org.dataembassy.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataKeyStoreTest {

  @TempDir Path dataDir;

  private Path keyFile() {
    return dataDir.resolve("keys").resolve("state-data.key");
  }

  @Test
  void shouldCreateAnOwnerOnly256BitAesKey() throws Exception {
    SecretKey key = DataKeyStore.loadOrCreate(keyFile());

    assertThat(key.getAlgorithm()).isEqualTo("AES");
    assertThat(key.getEncoded()).hasSize(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile())))
        .isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(keyFile()).trim()))
        .isEqualTo(key.getEncoded());
  }

  @Test
  void shouldLoadTheSameKeyOnTheSecondCall() throws Exception {
    SecretKey first = DataKeyStore.loadOrCreate(keyFile());

    SecretKey second = DataKeyStore.loadOrCreate(keyFile());

    assertThat(second.getEncoded()).isEqualTo(first.getEncoded());
    // what one site sealed, another site loading the key file can open
    byte[] sealed = new PayloadCipher(first).seal(new byte[] {1, 2, 3}, "1:1:r:t");
    assertThat(new PayloadCipher(second).open(sealed, "1:1:r:t")).containsExactly(1, 2, 3);
  }

  @Test
  void shouldCreateADifferentKeyForAnotherFederation(@TempDir Path otherDataDir) throws Exception {
    SecretKey key = DataKeyStore.loadOrCreate(keyFile());
    SecretKey other = DataKeyStore.loadOrCreate(otherDataDir.resolve("state-data.key"));

    assertThat(other.getEncoded()).isNotEqualTo(key.getEncoded());
  }

  @Test
  void shouldRejectAKeyFileThatIsNot256Bits() throws Exception {
    Files.createDirectories(keyFile().getParent());
    Files.writeString(keyFile(), Base64.getEncoder().encodeToString(new byte[16]) + "\n");

    assertThatThrownBy(() -> DataKeyStore.loadOrCreate(keyFile()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not 256 bits");
    assertThat(Files.readString(keyFile()).trim())
        .as("the bad key file is left for the operator, not overwritten")
        .isEqualTo(Base64.getEncoder().encodeToString(new byte[16]));
  }
}
