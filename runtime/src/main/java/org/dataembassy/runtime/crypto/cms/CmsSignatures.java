package org.dataembassy.runtime.crypto.cms;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.dataembassy.runtime.crypto.CertificateStatus;
import org.dataembassy.runtime.crypto.CertificateStatusSource;
import org.dataembassy.runtime.crypto.CitizenCertificates;
import org.dataembassy.runtime.crypto.CitizenIdentity;
import org.dataembassy.runtime.crypto.Digests;
import org.dataembassy.runtime.crypto.SiteRevocations;
import org.dataembassy.runtime.crypto.tsp.TimeStampAuthority;

/**
 * Validates citizens' detached CMS signatures over a document digest (what {@code openssl cms
 * -sign -binary -outform DER} makes) and augments valid ones with a signature time-stamp from the
 * state TSA, as an unsigned attribute (id-aa-signatureTimeStampToken, CAdES-T style), leaving the
 * signed part untouched so the result still verifies with any CMS verifier.
 */
public final class CmsSignatures {

  /** RFC 3161 appendix A / CAdES: the time-stamp over the signature value. */
  static final ASN1ObjectIdentifier SIGNATURE_TIME_STAMP =
      PKCSObjectIdentifiers.id_aa_signatureTimeStampToken;

  /** Signatures larger than this are refused before parsing (a few certificates and attributes). */
  public static final int MAX_SIGNATURE_BYTES = 64 * 1024;

  private final CitizenCertificates citizens;
  private final X509Certificate stateCa;
  private final Provider verifier;
  private final SiteRevocations revocations;

  public CmsSignatures(
      CitizenCertificates citizens, X509Certificate stateCa, Provider verifier, SiteRevocations revocations) {
    this.citizens = citizens;
    this.stateCa = stateCa;
    this.verifier = verifier;
    this.revocations = revocations;
  }

  /**
   * Validates {@code cms} as a signature over a document whose digest is {@code digest}, computed
   * with the algorithm the signer used (SHA-256, -384 or -512).
   */
  public SignatureReport validate(byte[] cms, byte[] digest, CertificateStatusSource statuses, Instant now) {
    List<SignatureReport.Check> checks = new ArrayList<>();
    Optional<Parsed> parsed = parse(cms, digest);
    if (parsed.isEmpty()) {
      checks.add(failed("format", "not a detached CMS SignedData with exactly one signer and its certificate"));
      return SignatureReport.of(null, null, null, checks);
    }
    Parsed p = parsed.get();
    checks.add(passed("format", "CMS SignedData, one signer"));
    CitizenIdentity signer = CitizenCertificates.identity(p.certificate()).orElse(null);
    if (signer == null) {
      checks.add(failed("signer", "the signing certificate names no citizen"));
    }
    checks.add(verifySignature(p));
    boolean chained = citizens.issuedByState(p.certificate());
    checks.add(
        chained
            ? passed("certificate_chain", "issued by the state CA")
            : failed("certificate_chain", "not issued by the state CA"));
    Instant claimed = signingTime(p.signer()).orElse(null);
    Optional<Instant> stamped = Optional.empty();
    SignatureReport.Check stampCheck = notPresent("signature_timestamp", "no signature time-stamp");
    Attribute stampAttribute = unsigned(p.signer(), SIGNATURE_TIME_STAMP);
    if (stampAttribute != null) {
      Stamp stamp = verifyStamp(stampAttribute, p.signer());
      stampCheck = stamp.check();
      stamped = Optional.ofNullable(stamp.time());
    }
    // the signer's own signingTime is a claim, never the time the certificate is judged at: only a
    // trusted time-stamp proves the signature existed earlier than now (a thief with a revoked
    // card would otherwise sign today and claim yesterday)
    SignatureReport.TimeSource source = stamped.isPresent() ? SignatureReport.TimeSource.SIGNATURE_TIMESTAMP : SignatureReport.TimeSource.VALIDATION;
    Instant judgedAt = stamped.orElse(now);
    boolean valid = CitizenCertificates.validAt(p.certificate(), judgedAt)
        && (claimed == null || CitizenCertificates.validAt(p.certificate(), claimed));
    checks.add(
        valid
            ? passed("validity_at_signing_time", "certificate valid at " + judgedAt + " (" + source.apiName() + ")")
            : failed("validity_at_signing_time", "certificate not valid at " + judgedAt + " (" + source.apiName() + ")"));
    checks.add(status(p, chained, statuses, judgedAt, source));
    checks.add(stampCheck);
    return SignatureReport.of(signer, claimed, stamped.orElse(null), judgedAt, source, checks);
  }

  /** A signature with the time-stamp just added, and the time that time-stamp certifies. */
  public record Augmented(byte[] cms, Instant timestampTime) {}

  /**
   * Adds a signature time-stamp from {@code tsa} to the (single) signer of {@code cms}; the caller
   * has validated it. Any earlier signature time-stamp is kept.
   */
  public Augmented augment(byte[] cms, TimeStampAuthority tsa) {
    try {
      CMSSignedData signed = new CMSSignedData(cms);
      SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
      TimeStampAuthority.Stamp stamp = tsa.stampSha256(Digests.sha256(signer.getSignature()));
      byte[] token = stamp.token();
      AttributeTable unsigned = signer.getUnsignedAttributes();
      ASN1EncodableVector attributes =
          unsigned == null ? new ASN1EncodableVector() : unsigned.toASN1EncodableVector();
      attributes.add(
          new Attribute(SIGNATURE_TIME_STAMP, new DERSet(ContentInfo.getInstance(ASN1Primitive.fromByteArray(token)))));
      SignerInformation stamped =
          SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(attributes));
      CMSSignedData augmented = withIssuingCa(CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped)), signer);
      return new Augmented(augmented.getEncoded(), stamp.time());
    } catch (CMSException | IOException | CertificateException e) {
      throw new IllegalStateException("cannot add the signature time-stamp", e);
    }
  }

  /**
   * The signed data with the certificate of the site's issuing CA that certified the signer, if it
   * lacks it: {@code openssl cms -verify -CAfile <state root>} then finds the whole chain in it.
   */
  @SuppressWarnings("unchecked")
  private CMSSignedData withIssuingCa(CMSSignedData signed, SignerInformation signer)
      throws CMSException, CertificateException, IOException {
    org.bouncycastle.util.Store<X509CertificateHolder> store = signed.getCertificates();
    Collection<X509CertificateHolder> signers = store.getMatches(signer.getSID());
    if (signers.isEmpty()) {
      return signed;
    }
    X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(signers.iterator().next());
    Optional<X509Certificate> issuer = citizens.issuerOf(certificate);
    if (issuer.isEmpty() || issuer.get().equals(stateCa)) {
      return signed;
    }
    X509CertificateHolder issuing = new X509CertificateHolder(issuer.get().getEncoded());
    List<X509CertificateHolder> all = new ArrayList<>(store.getMatches(null));
    if (all.contains(issuing)) {
      return signed;
    }
    all.add(issuing);
    return CMSSignedData.replaceCertificatesAndCRLs(
        signed, new org.bouncycastle.util.CollectionStore<>(all), signed.getAttributeCertificates(), signed.getCRLs());
  }

  private record Parsed(SignerInformation signer, X509Certificate certificate) {}

  private record Stamp(SignatureReport.Check check, Instant time) {}

  private Optional<Parsed> parse(byte[] cms, byte[] digest) {
    if (cms == null || cms.length == 0 || cms.length > MAX_SIGNATURE_BYTES) {
      return Optional.empty();
    }
    try {
      CMSSignedData detached = new CMSSignedData(cms);
      if (detached.getSignedContent() != null) {
        return Optional.empty(); // attached content: this API validates detached signatures
      }
      Collection<SignerInformation> signers = detached.getSignerInfos().getSigners();
      if (signers.size() != 1) {
        return Optional.empty();
      }
      String digestOid = signers.iterator().next().getDigestAlgOID();
      // re-read with the document digest standing in for the content
      CMSSignedData withDigest = new CMSSignedData(Map.of(digestOid, digest), cms);
      SignerInformation signer = withDigest.getSignerInfos().getSigners().iterator().next();
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> certs = withDigest.getCertificates().getMatches(signer.getSID());
      if (certs.size() != 1) {
        return Optional.empty();
      }
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(certs.iterator().next());
      return Optional.of(new Parsed(signer, cert));
    } catch (CMSException | CertificateException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private SignatureReport.Check verifySignature(Parsed p) {
    try {
      boolean ok =
          p.signer().verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(verifier).build(p.certificate()));
      return ok
          ? passed("signature", "the signature verifies with the certified key")
          : failed("signature", "the signature does not verify");
    } catch (CMSSignerDigestMismatchException e) {
      return failed("message_digest", "the signature is over another document");
    } catch (CMSException | OperatorCreationException | RuntimeException e) {
      return failed("signature", "the signature cannot be verified");
    }
  }

  private static SignatureReport.Check status(
      Parsed p, boolean chained, CertificateStatusSource statuses, Instant judgedAt, SignatureReport.TimeSource source) {
    if (!chained) {
      return failed("certificate_status", "no status: not a certificate of the state CA");
    }
    CertificateStatus status = statuses.statusOf(p.certificate().getSerialNumber());
    return switch (status.state()) {
      case GOOD -> passed("certificate_status", "good (state OCSP responder)");
      case UNKNOWN -> failed("certificate_status", "unknown to the state OCSP responder");
      // revoked before a trusted time-stamp: the signature provably predates the revocation
      case REVOKED ->
          source == SignatureReport.TimeSource.SIGNATURE_TIMESTAMP && status.revokedAt().isAfter(judgedAt)
              ? passed("certificate_status", "revoked at " + status.revokedAt() + ", after the signature time-stamp")
              : failed("certificate_status", "revoked at " + status.revokedAt()
                  + (source == SignatureReport.TimeSource.VALIDATION ? " (no trusted time-stamp shows the signature is older)" : ""));
    };
  }

  private Stamp verifyStamp(Attribute attribute, SignerInformation signer) {
    try {
      ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
      TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(value));
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> certs = token.getCertificates().getMatches(token.getSID());
      if (certs.isEmpty()) {
        return new Stamp(failed("signature_timestamp", "the time-stamp carries no TSA certificate"), null);
      }
      X509Certificate tsaCert = new JcaX509CertificateConverter().getCertificate(certs.iterator().next());
      tsaCert.verify(stateCa.getPublicKey());
      if (revocations.revoked(tsaCert)) {
        // a site lost to its host could stamp any time it likes with its TSA key
        return new Stamp(failed("signature_timestamp", "the time-stamp is by the TSA of a site the state revoked"), null);
      }
      token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(verifier).build(tsaCert));
      MessageDigest imprintDigest =
          MessageDigest.getInstance(token.getTimeStampInfo().getMessageImprintAlgOID().getId());
      byte[] expected = imprintDigest.digest(signer.getSignature());
      if (!MessageDigest.isEqual(expected, token.getTimeStampInfo().getMessageImprintDigest())) {
        return new Stamp(failed("signature_timestamp", "the time-stamp is over another signature"), null);
      }
      Instant time = token.getTimeStampInfo().getGenTime().toInstant();
      return new Stamp(passed("signature_timestamp", "state TSA, " + time), time);
    } catch (TSPException | IOException | OperatorCreationException
        | java.security.GeneralSecurityException | RuntimeException e) {
      return new Stamp(failed("signature_timestamp", "the time-stamp does not verify with the state chain"), null);
    }
  }

  private static Optional<Instant> signingTime(SignerInformation signer) {
    AttributeTable signed = signer.getSignedAttributes();
    Attribute attribute = signed == null ? null : signed.get(CMSAttributes.signingTime);
    if (attribute == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Attribute unsigned(SignerInformation signer, ASN1ObjectIdentifier type) {
    AttributeTable unsigned = signer.getUnsignedAttributes();
    return unsigned == null ? null : unsigned.get(type);
  }

  private static SignatureReport.Check passed(String name, String detail) {
    return new SignatureReport.Check(name, SignatureReport.Outcome.PASSED, detail);
  }

  private static SignatureReport.Check failed(String name, String detail) {
    return new SignatureReport.Check(name, SignatureReport.Outcome.FAILED, detail);
  }

  private static SignatureReport.Check notPresent(String name, String detail) {
    return new SignatureReport.Check(name, SignatureReport.Outcome.NOT_PRESENT, detail);
  }

}
