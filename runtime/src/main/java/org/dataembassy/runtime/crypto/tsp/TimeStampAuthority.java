package org.dataembassy.runtime.crypto.tsp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.time.Clock;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.tsp.Accuracy;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.dataembassy.runtime.crypto.SigningIdentity;
import org.dataembassy.runtime.crypto.asn1.DerEncoder;
import org.dataembassy.runtime.crypto.asn1.GeneralizedTimes;

/**
 * The state's RFC 3161 time-stamping authority. Every request bytes get a {@code TimeStampResp}:
 * granted with a token signed by the TSA key, or a rejection with the failure info RFC 3161 names
 * (bad algorithm, bad data format, unaccepted policy) — never an exception. Bouncy Castle parses
 * and validates the request and builds every structure; the TSTInfo and the response are assembled
 * here from its ASN.1 classes and the token by {@link TokenSigner} (a third of the cost of its
 * TimeStampResponseGenerator). Thread-safe: each thread keeps its own signer.
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

  private final ASN1ObjectIdentifier policy;
  private final TimeStampSerials serials;
  private final Clock clock;
  private final ThreadLocal<TokenSigner> tokenSigners;
  private static final PKIStatusInfo GRANTED = new PKIStatusInfo(PKIStatus.granted);
  private static final Accuracy ONE_SECOND = new Accuracy(new ASN1Integer(1), null, null);

  public TimeStampAuthority(
      SigningIdentity identity, Provider provider, String policyOid, TimeStampSerials serials, Clock clock) {
    this.policy = new ASN1ObjectIdentifier(policyOid);
    this.serials = serials;
    this.clock = clock;
    this.tokenSigners = ThreadLocal.withInitial(() -> new TokenSigner(identity, provider));
    tokenSigners.get(); // fail at start, not at the first request, if the key cannot sign
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
      TSTInfo info =
          new TSTInfo(
              request.getReqPolicy() != null ? request.getReqPolicy() : policy,
              request.toASN1Structure().getMessageImprint(),
              new ASN1Integer(serial),
              GeneralizedTimes.of(clock.instant()),
              ONE_SECOND,
              null, // ordering: false, left out (DER)
              request.getNonce() == null ? null : new ASN1Integer(request.getNonce()),
              null,
              null);
      ContentInfo token = tokenSigners.get().sign(info, request.getCertReq());
      return DerEncoder.encode(new TimeStampResp(GRANTED, token));
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      // e.g. an imprint whose length does not match its algorithm
      return rejection(PKIFailureInfo.badDataFormat, "the request cannot be granted");
    }
  }

  private static byte[] rejection(int failInfo, String text) {
    try {
      return new TimeStampResp(
              new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText(text), new PKIFailureInfo(failInfo)), null)
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException("cannot encode a rejection", e));
    }
  }
}
