package org.dataembassy.runtime.crypto.token;

import org.dataembassy.runtime.crypto.TestStateRoots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.dataembassy.runtime.crypto.Pem;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.security.OperatorIdentity;
import org.dataembassy.runtime.security.OperatorRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A person's certificate comes from the federation's own state root, wherever it is written. */
class OperatorIssuanceTest {

  @TempDir Path data;

  @Test
  void shouldCertifyThePersonByTheFederationsRootWhereverTheFilesGo() throws Exception {
    StateCertificateAuthority ca = TestStateRoots.in(data, "GOV");
    Path out = data.resolve("operators").resolve("audrey");
    String subject = KeyCeremony.issueOperator(ca, out, "Audrey Auditor", OperatorRole.AUDITOR);
    var cert = Pem.readCertificate(out.resolve("cert.pem"));
    cert.verify(ca.certificate().getPublicKey()); // the federation's root, not one made beside the files
    assertThat(subject).isEqualTo("CN=Audrey Auditor,OU=Operators,O=GOV");
    assertThat(OperatorIdentity.of(cert)).hasValueSatisfying(who -> assertThat(who.role()).isEqualTo(OperatorRole.AUDITOR));
    assertThat(Files.getPosixFilePermissions(out.resolve("key.pem"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.exists(data.resolve("operators").resolve("ca.pem"))).isFalse();
    // a current certificate is kept
    assertThat(KeyCeremony.issueOperator(ca, out, "Audrey Auditor", OperatorRole.AUDITOR)).isEqualTo(subject);
    assertThat(Pem.readCertificate(out.resolve("cert.pem"))).isEqualTo(cert);
  }

  @Test
  void shouldRefuseANameThatIsNotOneLine() {
    StateCertificateAuthority ca = TestStateRoots.in(data, "GOV");
    assertThatThrownBy(() -> KeyCeremony.issueOperator(ca, data.resolve("y"), "bad\nname", OperatorRole.OPERATOR))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
