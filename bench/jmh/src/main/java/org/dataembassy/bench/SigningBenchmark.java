package org.dataembassy.bench;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.dataembassy.runtime.crypto.CertificateStatus;
import org.dataembassy.runtime.crypto.SigningProvider;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;
import org.dataembassy.runtime.crypto.SigningIdentity;
import org.dataembassy.runtime.crypto.ocsp.OcspResponder;
import org.dataembassy.runtime.crypto.tsp.TimeStampAuthority;
import org.dataembassy.runtime.crypto.tsp.TimeStampSerials;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ECDSA P-256 signatures, whole RFC 3161 responses (our {@link TimeStampAuthority}: parse the
 * request, build and sign the token, encode the response) and whole OCSP responses to a request
 * with a nonce (our {@link OcspResponder}) with each JCA provider the site can use.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigningBenchmark {

  @Param({"ACCP", "BOUNCYCASTLE", "JDK"})
  public String provider;

  private Provider jca;
  private KeyPair keys;
  private TimeStampAuthority tsa;
  private byte[] request;
  private OcspResponder ocsp;
  private byte[] ocspRequest;
  private final byte[] data = new byte[32];

  @Setup
  public void setUp() throws Exception {
    jca = SigningProvider.forChoice(SigningProvider.Choice.valueOf(provider));
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    keys = generator.generateKeyPair();
    StateCertificateAuthority ca = StateCertificateAuthority.inMemory("GOV");
    tsa =
        new TimeStampAuthority(
            SigningIdentity.of(ca.issueServiceCertificate(SigningService.TIME_STAMPING, java.time.Duration.ofDays(365))),
            jca,
            "2.999.1.1",
            new TimeStampSerials("home", Clock.systemUTC()),
            Clock.systemUTC());
    TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
    requests.setCertReq(true);
    request = requests.generate(NISTObjectIdentifiers.id_sha256, new byte[32]).getEncoded();
    ocsp = new OcspResponder(SigningIdentity.of(ca.issueServiceCertificate(SigningService.OCSP, java.time.Duration.ofDays(365))), jca, Clock.systemUTC());
    OCSPReqBuilder ocspRequests = new OCSPReqBuilder();
    ocspRequests.addRequest(
        new CertificateID(
            new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
            new JcaX509CertificateHolder(ca.certificate()),
            BigInteger.valueOf(42)));
    ocspRequests.setRequestExtensions(
        new Extensions(
            new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(new byte[16]))));
    ocspRequest = ocspRequests.build().getEncoded();
  }

  @Benchmark
  public byte[] ecdsaP256Sign() throws Exception {
    Signature signature = Signature.getInstance("SHA256withECDSA", jca);
    signature.initSign(keys.getPrivate());
    signature.update(data);
    return signature.sign();
  }

  @Benchmark
  public byte[] timeStampResponse() {
    return tsa.respond(request);
  }

  /** A signed OCSP response to a request with a nonce (never pre-produced), certificate good. */
  @Benchmark
  public byte[] ocspResponseWithNonce() {
    return ocsp.respond(ocspRequest, serial -> CertificateStatus.good());
  }
}
