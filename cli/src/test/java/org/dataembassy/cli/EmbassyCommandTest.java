package org.dataembassy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Operator mistakes: exit code 2 and a single line on stderr, never a usage dump or a stack trace. */
class EmbassyCommandTest {

  @TempDir Path root;

  private final StringWriter err = new StringWriter();
  private final StringWriter out = new StringWriter();
  private CommandLine cli;

  @BeforeEach
  void commandLine() {
    cli = Embassy.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(out, true));
  }

  @Test
  void shouldRefuseAnEnrolmentWithoutACodeWithOneLine() {
    int exit = cli.execute("--root", root.toString(), "citizen", "enrol", "--name", "Mari", "--out", root.toString());

    assertThat(exit).isEqualTo(Embassy.USAGE_ERROR);
    assertThat(errLines()).singleElement().asString().startsWith("embassy: ").contains("--code");
  }

  @Test
  void shouldNeverOverwriteAnEnrolledCitizensKey() throws Exception {
    java.nio.file.Files.writeString(root.resolve("key.pem"), "a key that must survive");
    int exit =
        cli.execute("--root", root.toString(), "citizen", "enrol", "--code", "38001010009", "--name", "Mari", "--out", root.toString());

    assertThat(exit).isEqualTo(Embassy.USAGE_ERROR);
    assertThat(errLines()).singleElement().asString().startsWith("embassy: ").contains("already holds");
    assertThat(java.nio.file.Files.readString(root.resolve("key.pem"))).isEqualTo("a key that must survive");
  }

  @Test
  void shouldRefuseARevocationNamingBothAPersonAndACertificate() {
    int exit = cli.execute("--root", root.toString(), "citizen", "revoke", "--code", "38001010009", "--serial", "AB");

    assertThat(exit).isEqualTo(Embassy.USAGE_ERROR);
    assertThat(errLines()).singleElement().asString().startsWith("embassy: ").contains("mutually exclusive");
  }

  @Test
  void shouldRefuseAMalformedSerialWithoutCallingAnySite() {
    int exit = cli.execute("--root", root.toString(), "citizen", "revoke", "--serial", "not-hex");

    assertThat(exit).isEqualTo(Embassy.USAGE_ERROR);
    assertThat(errLines()).singleElement().asString().startsWith("embassy: ").contains("--serial");
  }

  @Test
  void shouldRejectAnUnknownSubcommandWithOneLine() {
    int exit = cli.execute("--root", root.toString(), "explode");

    assertThat(exit).isEqualTo(Embassy.USAGE_ERROR);
    assertThat(errLines()).singleElement().asString().startsWith("embassy: ").contains("explode");
  }

  @Test
  void shouldRejectKillWithoutASiteWithOneLine() {
    int exit = cli.execute("--root", root.toString(), "kill");

    assertThat(exit).isEqualTo(Embassy.USAGE_ERROR);
    assertThat(errLines()).singleElement().asString().startsWith("embassy: ").contains("SITE");
  }

  @Test
  void shouldRejectKillOfAnUnknownSiteNamingTheKnownSites() {
    int exit = cli.execute("--root", root.toString(), "kill", "nosuchsite");

    assertThat(exit).isEqualTo(Embassy.USAGE_ERROR);
    assertThat(errLines())
        .singleElement()
        .asString()
        .startsWith("embassy: ")
        .contains("nosuchsite", "home", "lux", "emb2")
        .doesNotContain("Exception");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldRefuseAPromotionWithoutForceAndChangeNothing() {
    int exit = cli.execute("--root", root.toString(), "--data", root.resolve("data").toString(), "promote", "lux");

    assertThat(exit).isEqualTo(Embassy.USAGE_ERROR);
    assertThat(errLines()).singleElement().asString().startsWith("embassy: ").contains("--force", "switchover --to lux");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldRefuseToForceASiteThatIsNotRunning() {
    int exit =
        cli.execute("--root", root.toString(), "--data", root.resolve("data").toString(), "promote", "emb2", "--force");

    assertThat(exit).isEqualTo(Embassy.USAGE_ERROR);
    assertThat(errLines()).singleElement().asString().startsWith("embassy: ").contains("emb2", "not running");
  }

  @Test
  void shouldRejectAPromotionOfAnUnknownSite() {
    int exit = cli.execute("--root", root.toString(), "promote", "atlantis", "--force");

    assertThat(exit).isEqualTo(Embassy.USAGE_ERROR);
    assertThat(errLines()).singleElement().asString().contains("atlantis");
  }

  private String[] errLines() {
    String text = err.toString().strip();
    return text.isEmpty() ? new String[0] : text.split("\\R");
  }
}
