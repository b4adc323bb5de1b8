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

  /** Who answers for one CA's certificates: the CA's matcher and the responder's signer. */
  private record Responder(java.security.cert.X509Certificate ca, IssuerMatcher issuer, ThreadLocal<OcspResponseSigner> signers) {}

  /** The state root's responder first, then one per issuing CA that delegated to this key. */
  private final List<Responder> responders;
  private final Clock clock;
  private final PreProducedResponses preProduced;
  private final org.dataembassy.runtime.crypto.SiteRevocations revocations;

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
    this(identity, List.of(), null, provider, clock, validity, maxPreProduced);
  }

  /**
   * A responder for the state root's certificates ({@code identity}, its certificate from the
   * root) and for those of every issuing CA in {@code delegations}, which certified the same key.
   * A root certificate on the state's revocation list ({@code revocations}; null: none) is
   * revoked (keyCompromise), and so is every certificate of a revoked issuing CA (cACompromise).
   */
  public OcspResponder(
      SigningIdentity identity,
      List<OcspDelegations.Delegation> delegations,
      org.dataembassy.runtime.crypto.SiteRevocations revocations,
      Provider provider,
      Clock clock,
      Duration validity,
      int maxPreProduced) {
    this.preProduced = new PreProducedResponses(validity, maxPreProduced);
    this.clock = clock;
    this.revocations = revocations;
    try {
      DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
      X509CertificateHolder responder = new JcaX509CertificateHolder(identity.certificate());
      ResponderID responderId =
          new RespID(responder.getSubjectPublicKeyInfo(), digests.get(RespID.HASH_SHA1)).toASN1Primitive();
      List<Responder> all = new ArrayList<>();
      all.add(responder(identity.issuer(), identity, List.of(identity.certificate()), provider, responderId, digests));
      for (OcspDelegations.Delegation delegation : delegations) {
        SigningIdentity delegated = new SigningIdentity(identity.privateKey(), delegation.certificate(), delegation.issuingCa());
        // the delegation and its CA: openssl ocsp -CAfile <root> builds the chain from them
        all.add(responder(delegation.issuingCa(), delegated, List.of(delegation.certificate(), delegation.issuingCa()),
            provider, responderId, digests));
      }
      this.responders = List.copyOf(all);
    } catch (OperatorCreationException | OCSPException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot set up the OCSP responder", e);
    }
  }

  private static Responder responder(
      java.security.cert.X509Certificate ca,
      SigningIdentity identity,
      List<java.security.cert.X509Certificate> certificates,
      Provider provider,
      ResponderID responderId,
      DigestCalculatorProvider digests)
      throws CertificateEncodingException {
    ThreadLocal<OcspResponseSigner> signers =
        ThreadLocal.withInitial(() -> new OcspResponseSigner(identity, certificates, provider, responderId));
    signers.get(); // fail at start, not at the first request, if the key cannot sign
    return new Responder(ca, new IssuerMatcher(new JcaX509CertificateHolder(ca), digests), signers);
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
      long version = version(statuses); // before any status is read
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
      // one signer per response: the responder of the first certificate's CA (a certificate of
      // another CA in the same request is unknown to it)
      Responder responder = responderFor(requests[0].getCertID().toASN1Primitive());
      List<SingleResponse> responses = new ArrayList<>(requests.length);
      for (Req one : requests) {
        CertID id = one.getCertID().toASN1Primitive();
        responses.add(new SingleResponse(id, statusOf(id, responder, statuses), thisUpdateTime, nextUpdateTime, (Extensions) null));
      }
      byte[] der = responder.signers().get().sign(responses, thisUpdateTime, nonce == null ? null : new Extensions(nonce));
      if (key != null) {
        preProduced.keep(key, new PreProducedResponses.Produced(der, version, now, nextUpdate));
      }
      return new Answer(der, Optional.ofNullable(nextUpdate));
    } catch (OCSPException | IOException | GeneralSecurityException | RuntimeException e) {
      // e.g. a CertID with an unknown hash algorithm: the request is not one we can answer
      return new Answer(status(OCSPRespBuilder.MALFORMED_REQUEST), Optional.empty());
    }
  }

  private Responder responderFor(CertID id) throws OCSPException {
    for (Responder responder : responders) {
      if (responder.issuer().issued(id)) {
        return responder;
      }
    }
    return responders.get(0);
  }

  /** The statuses' version, changed too by every new entry on the state's revocation list. */
  private long version(CertificateStatusSource statuses) {
    long version = statuses.version();
    return version < 0 || revocations == null ? version : version ^ (revocations.version() << 40);
  }

  private CertStatus statusOf(CertID id, Responder responder, CertificateStatusSource statuses) throws OCSPException {
    if (!responder.issuer().issued(id)) {
      return UNKNOWN;
    }
    if (revocations != null) {
      boolean rootsOwn = responder == responders.get(0);
      var revoked = rootsOwn
          ? revocations.of(id.getSerialNumber().getValue())
          : revocations.of(responder.ca().getSerialNumber()).filter(r -> revocations.revoked(responder.ca()));
      if (revoked.isPresent()) {
        return new CertStatus(new RevokedInfo(
            GeneralizedTimes.of(revoked.get().at().truncatedTo(ChronoUnit.SECONDS)),
            CRLReason.lookup(rootsOwn ? CRLReason.keyCompromise : CRLReason.cACompromise)));
      }
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
