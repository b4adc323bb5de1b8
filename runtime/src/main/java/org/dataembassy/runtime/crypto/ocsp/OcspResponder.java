package org.dataembassy.runtime.crypto.ocsp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.CertStatus;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.ocsp.SingleResponse;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.dataembassy.runtime.crypto.CertificateStatusSource;
import org.dataembassy.runtime.crypto.SigningIdentity;
import org.dataembassy.runtime.crypto.asn1.DerEncoder;
import org.dataembassy.runtime.crypto.asn1.GeneralizedTimes;

/**
 * The state's OCSP responder (RFC 6960) for certificates of the state CA: good, revoked (with time
 * and reason) or unknown, the request's nonce echoed, signed by the delegated responder key
 * (id-kp-OCSPSigning) through {@link OcspResponseSigner}. Malformed requests get the {@code
 * malformedRequest} response status, never an exception. Thread-safe.
 */
public final class OcspResponder {

  /** More certificates than this in one request is refused as malformed (a cheap amplification). */
  static final int MAX_CERTIFICATES_PER_REQUEST = 20;

  private static final CertStatus GOOD = new CertStatus();
  private static final CertStatus UNKNOWN = new CertStatus(2, DERNull.INSTANCE);

  private final IssuerMatcher issuer;
  private final Clock clock;
  private final ThreadLocal<OcspResponseSigner> signers;
  private final PreProducedResponses preProduced;

  /** A responder that signs every response anew (no pre-produced responses). */
  public OcspResponder(SigningIdentity identity, Provider provider, Clock clock) {
    this(identity, provider, clock, Duration.ZERO, 0);
  }

  /**
   * @param validity how long a response to a request without a nonce is valid ({@code
   *     nextUpdate}); it is answered again for half of that (zero: never pre-produce)
   * @param maxPreProduced how many such responses are kept at most
   */
  public OcspResponder(
      SigningIdentity identity, Provider provider, Clock clock, Duration validity, int maxPreProduced) {
    this.preProduced = new PreProducedResponses(validity, maxPreProduced);
    this.clock = clock;
    try {
      DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
      this.issuer = new IssuerMatcher(new JcaX509CertificateHolder(identity.issuer()), digests);
      X509CertificateHolder responder = new JcaX509CertificateHolder(identity.certificate());
      ResponderID responderId =
          new RespID(responder.getSubjectPublicKeyInfo(), digests.get(RespID.HASH_SHA1)).toASN1Primitive();
      this.signers = ThreadLocal.withInitial(() -> new OcspResponseSigner(identity, provider, responderId));
      signers.get(); // fail at start, not at the first request, if the key cannot sign
    } catch (OperatorCreationException | OCSPException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot set up the OCSP responder", e);
    }
  }

  /** Answers one DER {@code OCSPRequest} with a DER {@code OCSPResponse}. */
  public byte[] respond(byte[] requestBytes, CertificateStatusSource statuses) {
    return answer(requestBytes, statuses).der();
  }

  /**
   * A DER {@code OCSPResponse}, and until when it may be cached (RFC 5019 §6.2: a pre-produced
   * response's {@code nextUpdate}; empty for a response made for a nonce, or an error).
   */
  public record Answer(byte[] der, Optional<Instant> nextUpdate) {}

  /** Answers one DER {@code OCSPRequest}; see {@link Answer}. */
  public Answer answer(byte[] requestBytes, CertificateStatusSource statuses) {
    OCSPReq request;
    Req[] requests;
    try {
      request = new OCSPReq(requestBytes);
      requests = request.getRequestList();
    } catch (IOException | RuntimeException e) {
      return new Answer(status(OCSPRespBuilder.MALFORMED_REQUEST), Optional.empty());
    }
    if (requests.length == 0 || requests.length > MAX_CERTIFICATES_PER_REQUEST) {
      return new Answer(status(OCSPRespBuilder.MALFORMED_REQUEST), Optional.empty());
    }
    try {
      Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
      long version = statuses.version(); // before any status is read
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS); // RFC 5019 §2.2.4: no fractions
      byte[] key = null;
      if (nonce == null && requests.length == 1 && version >= 0 && preProduced.enabled()) {
        key = DerEncoder.encode(requests[0].getCertID().toASN1Primitive());
        Optional<PreProducedResponses.Produced> kept = preProduced.find(key, version, now);
        if (kept.isPresent()) {
          return new Answer(kept.get().der(), Optional.of(kept.get().nextUpdate()));
        }
      }
      Instant nextUpdate = key == null ? null : now.plus(preProduced.validity());
      ASN1GeneralizedTime thisUpdateTime = GeneralizedTimes.of(now);
      ASN1GeneralizedTime nextUpdateTime = nextUpdate == null ? null : GeneralizedTimes.of(nextUpdate);
      List<SingleResponse> responses = new ArrayList<>(requests.length);
      for (Req one : requests) {
        CertID id = one.getCertID().toASN1Primitive();
        responses.add(new SingleResponse(id, statusOf(id, statuses), thisUpdateTime, nextUpdateTime, (Extensions) null));
      }
      byte[] der = signers.get().sign(responses, thisUpdateTime, nonce == null ? null : new Extensions(nonce));
      if (key != null) {
        preProduced.keep(key, new PreProducedResponses.Produced(der, version, now, nextUpdate));
      }
      return new Answer(der, Optional.ofNullable(nextUpdate));
    } catch (OCSPException | IOException | GeneralSecurityException | RuntimeException e) {
      // e.g. a CertID with an unknown hash algorithm: the request is not one we can answer
      return new Answer(status(OCSPRespBuilder.MALFORMED_REQUEST), Optional.empty());
    }
  }

  private CertStatus statusOf(CertID id, CertificateStatusSource statuses) throws OCSPException {
    if (!issuer.issued(id)) {
      return UNKNOWN;
    }
    var status = statuses.statusOf(id.getSerialNumber().getValue());
    return switch (status.state()) {
      case GOOD -> GOOD;
      case UNKNOWN -> UNKNOWN;
      case REVOKED ->
          new CertStatus(
              new RevokedInfo(
                  GeneralizedTimes.of(status.revokedAt().truncatedTo(ChronoUnit.SECONDS)),
                  CRLReason.lookup(status.reason().code())));
    };
  }

  private static byte[] status(int responseStatus) {
    try {
      return new OCSPRespBuilder().build(responseStatus, null).getEncoded();
    } catch (OCSPException | IOException e) {
      throw new UncheckedIOException(new IOException("cannot encode an OCSP status", e));
    }
  }
}
