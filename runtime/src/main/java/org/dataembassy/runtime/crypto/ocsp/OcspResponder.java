package org.dataembassy.runtime.crypto.ocsp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.dataembassy.runtime.crypto.CertificateStatusSource;
import org.dataembassy.runtime.crypto.SigningIdentity;

/**
 * The state's OCSP responder (RFC 6960) for certificates of the state CA: good, revoked (with time
 * and reason) or unknown, the request's nonce echoed, signed by the delegated responder key
 * (id-kp-OCSPSigning). Malformed requests get the {@code malformedRequest} response status, never
 * an exception. Thread-safe.
 */
public final class OcspResponder {

  /** More certificates than this in one request is refused as malformed (a cheap amplification). */
  static final int MAX_CERTIFICATES_PER_REQUEST = 20;

  private final X509CertificateHolder issuer;
  private final X509CertificateHolder[] chain;
  private final RespID responderId;
  private final DigestCalculatorProvider digests;
  private final Clock clock;
  private final ThreadLocal<ContentSigner> signers;
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
    try {
      this.digests = new JcaDigestCalculatorProviderBuilder().build();
      this.issuer = new JcaX509CertificateHolder(identity.issuer());
      X509CertificateHolder responder = new JcaX509CertificateHolder(identity.certificate());
      this.chain = new X509CertificateHolder[] {responder};
      this.responderId =
          new RespID(responder.getSubjectPublicKeyInfo(), digests.get(RespID.HASH_SHA1));
      this.clock = clock;
      this.signers =
          ThreadLocal.withInitial(
              () -> {
                try {
                  return new JcaContentSignerBuilder("SHA256withECDSA")
                      .setProvider(provider)
                      .build(identity.privateKey());
                } catch (OperatorCreationException e) {
                  throw new IllegalStateException("cannot set up the OCSP responder's signer", e);
                }
              });
      signers.get();
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
      Instant now = clock.instant();
      byte[] key = null;
      if (nonce == null && requests.length == 1 && version >= 0 && preProduced.enabled()) {
        key = requests[0].getCertID().toASN1Primitive().getEncoded();
        Optional<PreProducedResponses.Produced> kept = preProduced.find(key, version, now);
        if (kept.isPresent()) {
          return new Answer(kept.get().der(), Optional.of(kept.get().nextUpdate()));
        }
      }
      Date thisUpdate = Date.from(now);
      Instant nextUpdate = key == null ? null : now.plus(preProduced.validity());
      BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responderId);
      for (Req one : requests) {
        CertificateID id = one.getCertID();
        builder.addResponse(
            id, statusOf(id, statuses), thisUpdate, nextUpdate == null ? null : Date.from(nextUpdate), null);
      }
      if (nonce != null) {
        builder.setResponseExtensions(new Extensions(nonce));
      }
      BasicOCSPResp basic = builder.build(signers.get(), chain, thisUpdate);
      byte[] der = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
      if (key != null) {
        preProduced.keep(key, new PreProducedResponses.Produced(der, version, now, nextUpdate));
      }
      return new Answer(der, Optional.ofNullable(nextUpdate));
    } catch (OCSPException | IOException | RuntimeException e) {
      // e.g. a CertID with an unknown hash algorithm: the request is not one we can answer
      return new Answer(status(OCSPRespBuilder.MALFORMED_REQUEST), Optional.empty());
    }
  }

  private CertificateStatus statusOf(CertificateID id, CertificateStatusSource statuses)
      throws OCSPException {
    if (!id.matchesIssuer(issuer, digests)) {
      return new UnknownStatus();
    }
    var status = statuses.statusOf(id.getSerialNumber());
    return switch (status.state()) {
      case GOOD -> CertificateStatus.GOOD;
      case UNKNOWN -> new UnknownStatus();
      case REVOKED ->
          new RevokedStatus(
              new RevokedInfo(
                  new ASN1GeneralizedTime(Date.from(status.revokedAt())),
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
