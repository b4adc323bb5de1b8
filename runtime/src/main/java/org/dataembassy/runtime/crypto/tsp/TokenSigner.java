package org.dataembassy.runtime.crypto.tsp;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.dataembassy.runtime.crypto.KeySigner;
import org.dataembassy.runtime.crypto.SigningIdentity;
import org.dataembassy.runtime.crypto.asn1.DerEncoder;
import org.dataembassy.runtime.crypto.asn1.DerTree;

/**
 * Wraps a TSTInfo into a time-stamp token (RFC 3161 §2.4.2: CMS SignedData, content type
 * id-ct-TSTInfo, one SignerInfo by the TSA key, RFC 5652 §5) built from Bouncy Castle's CMS ASN.1
 * classes, with the signed attributes RFC 3161 and RFC 5816 name: content type, message digest and
 * the TSA certificate's ESSCertIDv2. Everything that is the same in every token — the certificate,
 * the signer's identifier, the algorithm identifiers, the content-type and ESSCertIDv2 attributes —
 * is built once, already in DER form, so a token costs one TSTInfo encoding, one SHA-256, one
 * signature and one walk of the response. Bouncy Castle's {@code CMSSignedDataGenerator} re-derived
 * all of it per token and converted the whole certificate to DER objects each time (docs/pki-notes.md).
 * The signature is {@link KeySigner}'s. Not thread-safe: one per thread.
 */
final class TokenSigner {

  private final KeySigner signer;
  private final MessageDigest sha256;
  private final SignerIdentifier signerId;
  private final AlgorithmIdentifier digestAlgorithm;
  private final DERSet digestAlgorithms;
  private final DERSet certificates;
  private final Attribute contentType;
  private final Attribute signingCertificate;

  TokenSigner(SigningIdentity identity, Provider provider) {
    try {
      signer = new KeySigner(identity, provider);
      sha256 = MessageDigest.getInstance("SHA-256");
      byte[] encoded = identity.certificate().getEncoded();
      Certificate certificate = Certificate.getInstance(encoded);
      signerId = new SignerIdentifier(new IssuerAndSerialNumber(certificate));
      digestAlgorithm = new DefaultDigestAlgorithmIdentifierFinder().find("SHA-256");
      digestAlgorithms = new DERSet(digestAlgorithm);
      certificates = new DERSet(DerTree.of(encoded));
      contentType = new Attribute(CMSAttributes.contentType, new DERSet(PKCSObjectIdentifiers.id_ct_TSTInfo));
      signingCertificate = signingCertificateV2(certificate, encoded);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up the time-stamping authority's signer", e);
    }
  }

  /** The token (a DER-encodable ContentInfo) over {@code info}; the certificate only if asked. */
  ContentInfo sign(TSTInfo info, boolean includeCertificate) throws IOException, GeneralSecurityException {
    byte[] content = DerEncoder.encode(info);
    ASN1EncodableVector attributes = new ASN1EncodableVector(3);
    attributes.add(contentType);
    attributes.add(
        new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(sha256.digest(content)))));
    attributes.add(signingCertificate);
    DERSet signedAttributes = new DERSet(attributes); // sorted, as DER wants: it is what is signed
    SignerInfo signerInfo =
        new SignerInfo(
            signerId,
            digestAlgorithm,
            signedAttributes,
            signer.algorithm(),
            new DEROctetString(signer.sign(DerEncoder.encode(signedAttributes))),
            null);
    SignedData signedData =
        new SignedData(
            digestAlgorithms,
            new ContentInfo(PKCSObjectIdentifiers.id_ct_TSTInfo, new DEROctetString(content)),
            includeCertificate ? certificates : null,
            null,
            new DERSet(signerInfo));
    return new ContentInfo(CMSObjectIdentifiers.signedData, signedData);
  }

  private static Attribute signingCertificateV2(Certificate certificate, byte[] encoded)
      throws GeneralSecurityException {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(encoded);
    ESSCertIDv2 id =
        new ESSCertIDv2(
            hash,
            new IssuerSerial(new GeneralNames(new GeneralName(certificate.getIssuer())), certificate.getSerialNumber()));
    return new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(new SigningCertificateV2(id)));
  }
}
