package org.dataembassy.runtime.crypto.ocsp;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.List;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.ocsp.SingleResponse;
import org.bouncycastle.asn1.x509.Extensions;
import org.dataembassy.runtime.crypto.KeySigner;
import org.dataembassy.runtime.crypto.SigningIdentity;
import org.dataembassy.runtime.crypto.asn1.DerEncoder;
import org.dataembassy.runtime.crypto.asn1.DerTree;

/**
 * Wraps single responses into a signed, successful {@code OCSPResponse} (RFC 6960 §4.2.1: a
 * BasicOCSPResponse over the ResponseData, signed by the delegated responder key, with the
 * responder's certificate) built from Bouncy Castle's OCSP ASN.1 classes. The responder ID and the
 * certificate are prepared once, the certificate already in DER form; the caller writes the times
 * with {@code GeneralizedTimes}. Bouncy Castle's {@code BasicOCSPRespBuilder} formatted each one
 * through a new {@code SimpleDateFormat} and converted the certificate to DER objects per response
 * (docs/pki-notes.md). Not thread-safe: one per thread.
 */
final class OcspResponseSigner {

  private static final OCSPResponseStatus SUCCESSFUL = new OCSPResponseStatus(OCSPResponseStatus.SUCCESSFUL);

  private final KeySigner signer;
  private final ResponderID responderId;
  private final DERSequence certificates;

  /** {@code certificates}: what the response carries, the responder's certificate first. */
  OcspResponseSigner(
      SigningIdentity identity, List<java.security.cert.X509Certificate> certificates, Provider provider, ResponderID responderId) {
    try {
      this.signer = new KeySigner(identity, provider);
      this.responderId = responderId;
      org.bouncycastle.asn1.ASN1Encodable[] ders = new org.bouncycastle.asn1.ASN1Encodable[certificates.size()];
      for (int i = 0; i < ders.length; i++) {
        ders[i] = DerTree.of(certificates.get(i).getEncoded());
      }
      this.certificates = new DERSequence(ders);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up the OCSP responder's signer", e);
    }
  }

  /** The DER OCSPResponse; {@code producedAt} in whole seconds (RFC 5019 §2.2.4). */
  byte[] sign(List<SingleResponse> responses, ASN1GeneralizedTime producedAt, Extensions extensions)
      throws IOException, GeneralSecurityException {
    ResponseData data =
        new ResponseData(
            responderId,
            producedAt,
            new DERSequence(responses.toArray(new SingleResponse[0])),
            extensions);
    BasicOCSPResponse basic =
        new BasicOCSPResponse(
            data, signer.algorithm(), new DERBitString(signer.sign(DerEncoder.encode(data))), certificates);
    return DerEncoder.encode(
        new OCSPResponse(
            SUCCESSFUL,
            new ResponseBytes(OCSPObjectIdentifiers.id_pkix_ocsp_basic, new DEROctetString(DerEncoder.encode(basic)))));
  }
}
