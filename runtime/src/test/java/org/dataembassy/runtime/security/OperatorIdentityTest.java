package org.dataembassy.runtime.security;

import org.dataembassy.runtime.crypto.TestStateRoots;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's certificate names the person and the role; nothing else passes for one. */
class OperatorIdentityTest {

  @TempDir Path dir;

  @Test
  void shouldReadTheRoleAndSubjectOfAnOperatorsCertificate() throws Exception {
    StateCertificateAuthority ca = TestStateRoots.in(dir, "GOV");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    var operator = ca.certifyOperatorKey("Olga Operator", OperatorRole.OPERATOR, generator.generateKeyPair().getPublic(), Duration.ofDays(1));
    var auditor = ca.certifyOperatorKey("Audrey", OperatorRole.AUDITOR, generator.generateKeyPair().getPublic(), Duration.ofDays(1));
    assertThat(OperatorIdentity.of(operator)).hasValue(new OperatorIdentity("CN=Olga Operator,OU=Operators,O=GOV", OperatorRole.OPERATOR));
    assertThat(OperatorIdentity.of(auditor)).hasValueSatisfying(who -> assertThat(who.mayChange()).isFalse());
    // a site's certificates and a citizen's name no role
    var siteLink = ca.issueSiteLinkCertificate("lux", Duration.ofDays(1)).certificate();
    var citizen = ca.issueCitizenCertificate(generator.generateKeyPair().getPublic(), "38001010009", "Mari", "EE", Duration.ofDays(1));
    assertThat(OperatorIdentity.of(siteLink)).isEmpty();
    assertThat(OperatorIdentity.of(citizen)).isEmpty();
  }

  @Test
  void shouldPassAnIdentityOnInAHeaderAndReadNothingElse() {
    OperatorIdentity who = new OperatorIdentity("CN=Olga Operator,OU=Operators,O=GOV", OperatorRole.OPERATOR);
    assertThat(OperatorIdentity.fromHeader(who.header())).hasValue(who);
    assertThat(OperatorIdentity.fromHeader("root;CN=x")).isEmpty();
    assertThat(OperatorIdentity.fromHeader("operator;")).isEmpty();
    assertThat(OperatorIdentity.fromHeader("operator")).isEmpty();
    assertThat(OperatorIdentity.fromHeader("operator;" + "x".repeat(2000))).isEmpty();
    assertThat(OperatorRole.parse("AUDITOR")).hasValue(OperatorRole.AUDITOR);
    assertThat(OperatorRole.parse("admin")).isEmpty();
  }
}
