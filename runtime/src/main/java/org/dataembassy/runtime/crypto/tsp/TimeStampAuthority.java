package org.dataembassy.runtime.crypto.tsp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.Provider;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.dataembassy.runtime.crypto.SigningIdentity;

/**
 * The state's RFC 3161 time-stamping authority. Every request bytes get a {@code TimeStampResp}:
 * granted with a token signed by the TSA key, or a rejection with the failure info RFC 3161 names
 * (bad algorithm, bad data format, unaccepted policy) — never an exception. Thread-safe: each
 * thread keeps its own token generator (Bouncy Castle's are not thread-safe, and building one per
 * request costs more than signing); response generators are made per response (see {@link #responses()}).
 */
public final class TimeStampAuthority {

  /** Hash algorithms accepted in a message imprint. */
  static final Set<ASN1ObjectIdentifier> ACCEPTED_ALGORITHMS =
      Set.of(
          NISTObjectIdentifiers.id_sha256,
          NISTObjectIdentifiers.id_sha384,
          NISTObjectIdentifiers.id_sha512,
          NISTObjectIdentifiers.id_sha3_256,
          NISTObjectIdentifiers.id_sha3_384,
          NISTObjectIdentifiers.id_sha3_512);

  private final SigningIdentity identity;
  private final Provider provider;
  private final ASN1ObjectIdentifier policy;
  private final TimeStampSerials serials;
  private final Clock clock;
  private final ThreadLocal<TimeStampTokenGenerator> tokenGenerators;

  public TimeStampAuthority(
      SigningIdentity identity, Provider provider, String policyOid, TimeStampSerials serials, Clock clock) {
    this.identity = identity;
    this.provider = provider;
    this.policy = new ASN1ObjectIdentifier(policyOid);
    this.serials = serials;
    this.clock = clock;
    this.tokenGenerators = ThreadLocal.withInitial(this::newTokenGenerator);
    tokenGenerators.get(); // fail at start, not at the first request, if the key cannot sign
  }

  /** Answers one RFC 3161 request (DER) with a DER {@code TimeStampResp}. */
  public byte[] respond(byte[] requestBytes) {
    TimeStampRequest request;
    try {
      request = new TimeStampRequest(requestBytes);
    } catch (IOException | RuntimeException e) {
      return rejection(PKIFailureInfo.badDataFormat, "the request is not a DER TimeStampReq");
    }
    return grant(request);
  }

  /** A token (DER {@code ContentInfo}) and the time it certifies. */
  public record Stamp(byte[] token, java.time.Instant time) {}

  /** A time-stamp token over a digest computed here (SHA-256), for a signature this site augments. */
  public Stamp stampSha256(byte[] sha256Digest) {
    TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
    requests.setCertReq(true);
    TimeStampRequest request = requests.generate(NISTObjectIdentifiers.id_sha256, sha256Digest);
    try {
      TimeStampResponse response = new TimeStampResponse(grant(request));
      if (response.getTimeStampToken() == null) {
        throw new IllegalStateException("time-stamp refused: " + response.getStatusString());
      }
      return new Stamp(
          response.getTimeStampToken().getEncoded(),
          response.getTimeStampToken().getTimeStampInfo().getGenTime().toInstant());
    } catch (IOException | TSPException e) {
      throw new IllegalStateException("cannot read the token just issued", e);
    }
  }

  private byte[] grant(TimeStampRequest request) {
    try {
      request.validate(ACCEPTED_ALGORITHMS, Set.of(policy), null);
    } catch (TSPValidationException e) {
      return rejection(e.getFailureCode(), e.getMessage());
    } catch (TSPException | RuntimeException e) {
      return rejection(PKIFailureInfo.badDataFormat, "the request cannot be read");
    }
    BigInteger serial = serials.next();
    try {
      return responses().generateGrantedResponse(request, serial, Date.from(clock.instant())).getEncoded();
    } catch (TSPException | IOException | RuntimeException e) {
      // e.g. an imprint whose length does not match its algorithm
      return rejection(PKIFailureInfo.badDataFormat, "the request cannot be granted");
    }
  }

  private byte[] rejection(int failInfo, String text) {
    try {
      return responses().generateFailResponse(PKIStatus.REJECTION, failInfo, text).getEncoded();
    } catch (TSPException | IOException e) {
      throw new UncheckedIOException(new IOException("cannot encode a rejection", e));
    }
  }

  /**
   * A response generator for one response: Bouncy Castle's accumulates the failure info of every
   * response it generated (setFailInfoField ORs), so it must not be reused; the token generator,
   * the costly part, is.
   */
  private TimeStampResponseGenerator responses() {
    return new TimeStampResponseGenerator(tokenGenerators.get(), ACCEPTED_ALGORITHMS, Set.of(policy));
  }

  private TimeStampTokenGenerator newTokenGenerator() {
    try {
      ContentSigner signer =
          new JcaContentSignerBuilder("SHA256withECDSA").setProvider(provider).build(identity.privateKey());
      DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
      TimeStampTokenGenerator tokens =
          new TimeStampTokenGenerator(
              new JcaSignerInfoGeneratorBuilder(digests).build(signer, identity.certificate()),
              digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
              policy);
      tokens.addCertificates(new JcaCertStore(List.of(identity.certificate())));
      tokens.setAccuracySeconds(1);
      tokens.setResolution(TimeStampTokenGenerator.R_MILLISECONDS);
      return tokens;
    } catch (OperatorCreationException | TSPException | java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("cannot set up the time-stamping authority's signer", e);
    }
  }
}
