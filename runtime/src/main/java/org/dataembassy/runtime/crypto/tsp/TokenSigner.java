package org.dataembassy.runtime.crypto.tsp;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.util.Hashtable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.dataembassy.runtime.crypto.SigningIdentity;

/**
 * Wraps a TSTInfo into a time-stamp token (RFC 3161 §2.4.2: CMS SignedData, content type
 * id-ct-TSTInfo, signed by the TSA key) with Bouncy Castle's CMS generator, building the signed
 * attributes RFC 3161 and RFC 5816 name — content type, message digest and the TSA certificate's
 * ESSCertIDv2 (computed once) — and nothing else. Bouncy Castle's own TimeStampTokenGenerator
 * adds a signing time (a SimpleDateFormat per token), then parses and re-encodes the token it made:
 * two thirds of its cost (docs/pki-notes.md). Not thread-safe: one per thread.
 */
final class TokenSigner {

  private final SignerInfoGenerator signer;
  private final X509CertificateHolder certificate;

  TokenSigner(SigningIdentity identity, Provider provider) {
    try {
      certificate = new JcaX509CertificateHolder(identity.certificate());
      Attribute signingCertificate = signingCertificateV2(certificate);
      CMSAttributeTableGenerator signedAttributes =
          parameters -> {
            Hashtable<ASN1ObjectIdentifier, Attribute> table = new Hashtable<>();
            table.put(
                CMSAttributes.contentType,
                new Attribute(
                    CMSAttributes.contentType,
                    new DERSet((ASN1ObjectIdentifier) parameters.get(CMSAttributeTableGenerator.CONTENT_TYPE))));
            table.put(
                CMSAttributes.messageDigest,
                new Attribute(
                    CMSAttributes.messageDigest,
                    new DERSet(new DEROctetString((byte[]) parameters.get(CMSAttributeTableGenerator.DIGEST)))));
            table.put(PKCSObjectIdentifiers.id_aa_signingCertificateV2, signingCertificate);
            return new AttributeTable(table);
          };
      var digests = new JcaDigestCalculatorProviderBuilder().build();
      signer =
          new JcaSignerInfoGeneratorBuilder(digests)
              .setSignedAttributeGenerator(signedAttributes)
              .build(
                  new JcaContentSignerBuilder("SHA256withECDSA").setProvider(provider).build(identity.privateKey()),
                  certificate);
    } catch (OperatorCreationException | CertificateEncodingException | IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot set up the time-stamping authority's signer", e);
    }
  }

  /** The token (a DER-encodable ContentInfo) over {@code info}; the certificate only if asked. */
  ContentInfo sign(TSTInfo info, boolean includeCertificate) throws IOException, CMSException {
    CMSProcessableByteArray content =
        new CMSProcessableByteArray(PKCSObjectIdentifiers.id_ct_TSTInfo, info.getEncoded(ASN1Encoding.DER));
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator(); // holds per-token state
    generator.addSignerInfoGenerator(signer);
    if (includeCertificate) {
      generator.addCertificate(certificate);
    }
    return generator.generate(content, true).toASN1Structure();
  }

  private static Attribute signingCertificateV2(X509CertificateHolder certificate)
      throws IOException, NoSuchAlgorithmException {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    ESSCertIDv2 id =
        new ESSCertIDv2(
            hash,
            new IssuerSerial(new GeneralNames(new GeneralName(certificate.getIssuer())), certificate.getSerialNumber()));
    return new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(new SigningCertificateV2(id)));
  }
}
