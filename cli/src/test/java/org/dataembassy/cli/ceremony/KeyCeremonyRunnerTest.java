package org.dataembassy.cli.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dataembassy.cli.federation.FederationLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCeremonyRunnerTest {

  @TempDir Path root;

  private KeyCeremonyRunner runner() {
    return new KeyCeremonyRunner(FederationLayout.local(root));
  }

  @Test
  void shouldRefuseADataDirectoryThatKeepsTheDataKeyInAPlainFile() throws Exception {
    Files.createDirectories(root.resolve("data/keys"));
    Files.writeString(root.resolve("data/keys/state-data.key"), "AAAA");

    assertThatThrownBy(() -> runner().ensure(List.of("home")))
        .hasMessageContaining("plain file")
        .hasMessageContaining("rm -rf");
    assertThat(root.resolve("data/state")).doesNotExist();
  }

  @Test
  void shouldRefuseADataDirectoryThatKeepsTheRootsKeyInAPlainFile() throws Exception {
    Files.createDirectories(root.resolve("data/ca"));
    Files.writeString(root.resolve("data/ca/ca-key.pem"), "-----BEGIN PRIVATE KEY-----");

    assertThatThrownBy(() -> runner().ensure(List.of("home")))
        .hasMessageContaining("state root's key in a plain file")
        .hasMessageContaining("rm -rf");
    assertThatThrownBy(() -> runner().issueOperator(root.resolve("op"), "Olga", "operator"))
        .hasMessageContaining("plain file");
    assertThat(root.resolve("data/state")).doesNotExist();
  }

  @Test
  void shouldNameTheMissingApplicationInsteadOfRunningAnything() {
    assertThatThrownBy(() -> runner().ensure(List.of("home"))).hasMessageContaining("not built");
    assertThat(runner().delivered("home")).isFalse();
  }

  @Test
  void shouldRefuseToRotateBeforeTheStateHasKeys() {
    assertThatThrownBy(() -> runner().rotate()).hasMessageContaining("./embassy up");
  }

  @Test
  void shouldGiveEveryTokenDirectoryItsOwnSoftHsmConfiguration() {
    assertThat(KeyCeremonyRunner.softHsmConfig(root.resolve("data/lux")))
        .isEqualTo(root.resolve("data/lux/token/softhsm2.conf"));
  }
}
