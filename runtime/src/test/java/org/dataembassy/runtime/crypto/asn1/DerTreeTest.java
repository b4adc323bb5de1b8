package org.dataembassy.runtime.crypto.asn1;

import org.dataembassy.runtime.crypto.TestStateRoots;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;
import org.dataembassy.runtime.crypto.SigningIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerTreeTest {

  @Test
  void shouldRebuildACertificateFromDerClassesThatEncodeToTheSameBytes(@TempDir Path dir) throws Exception {
    StateCertificateAuthority ca = TestStateRoots.in(dir, "GOV");
    for (byte[] der :
        new byte[][] {
          ca.certificate().getEncoded(),
          SigningIdentity.of(ca.issueServiceCertificate(SigningService.TIME_STAMPING, java.time.Duration.ofDays(365))).certificate().getEncoded(),
          SigningIdentity.of(ca.issueServiceCertificate(SigningService.OCSP, java.time.Duration.ofDays(365))).certificate().getEncoded()
        }) {
      ASN1Primitive tree = DerTree.of(der);
      assertThat(tree.getEncoded(ASN1Encoding.DER)).isEqualTo(der);
      assertThat(DerEncoder.encode(tree)).isEqualTo(der);
      assertOnlyDerConstructions(tree);
    }
  }

  @Test
  void shouldEncodeAsBouncyCastleDoesAndKeepNothingFromTheLastCall(@TempDir Path dir) throws Exception {
    StateCertificateAuthority ca = TestStateRoots.in(dir, "GOV");
    ASN1Primitive large = ASN1Primitive.fromByteArray(ca.certificate().getEncoded());
    ASN1Primitive small = new DERSequence(new ASN1Integer(7));
    assertThat(DerEncoder.encode(large)).isEqualTo(large.getEncoded(ASN1Encoding.DER));
    assertThat(DerEncoder.encode(small)).isEqualTo(new byte[] {0x30, 0x03, 0x02, 0x01, 0x07});
    assertThat(DerEncoder.encode(large)).isEqualTo(ca.certificate().getEncoded());
  }

  private static void assertOnlyDerConstructions(ASN1Primitive value) {
    if (value instanceof ASN1Sequence sequence) {
      assertThat(value).isInstanceOf(DERSequence.class);
      for (ASN1Encodable element : sequence) {
        assertOnlyDerConstructions(element.toASN1Primitive());
      }
    } else if (value instanceof ASN1Set set) {
      assertThat(value).isInstanceOf(DERSet.class);
      for (ASN1Encodable element : set) {
        assertOnlyDerConstructions(element.toASN1Primitive());
      }
    } else if (value instanceof ASN1TaggedObject tagged) {
      assertThat(value).isInstanceOf(DERTaggedObject.class);
      assertOnlyDerConstructions(tagged.getBaseObject().toASN1Primitive());
    }
  }
}
