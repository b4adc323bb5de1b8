package org.dataembassy.runtime.crypto.ocsp;

import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Whether a request's CertID names the state CA as issuer: its issuer name and key hashes compared
 * with the CA's, as Bouncy Castle's {@code CertificateID.matchesIssuer} does, but with the CA's
 * hashes computed once per hash algorithm instead of per request. Thread-safe.
 */
final class IssuerMatcher {

  /** Hash algorithms remembered at most; a request naming yet another one is hashed on its own. */
  private static final int MAX_ALGORITHMS = 8;

  private final X509CertificateHolder issuer;
  private final DigestCalculatorProvider digests;
  private final Map<AlgorithmIdentifier, CertID> issuerHashes = new ConcurrentHashMap<>();

  IssuerMatcher(X509CertificateHolder issuer, DigestCalculatorProvider digests) {
    this.issuer = issuer;
    this.digests = digests;
  }

  /** True if {@code id} was issued by the state CA; OCSPException for a hash algorithm we lack. */
  boolean issued(CertID id) throws OCSPException {
    CertID mine = issuerHashes.get(id.getHashAlgorithm());
    if (mine == null) {
      try {
        mine = new CertificateID(digests.get(id.getHashAlgorithm()), issuer, BigInteger.ONE).toASN1Primitive();
      } catch (OperatorCreationException e) {
        throw new OCSPException("unsupported hash algorithm in a CertID", e);
      }
      if (issuerHashes.size() < MAX_ALGORITHMS) {
        issuerHashes.put(id.getHashAlgorithm(), mine);
      }
    }
    return mine.getIssuerNameHash().equals(id.getIssuerNameHash())
        && mine.getIssuerKeyHash().equals(id.getIssuerKeyHash());
  }
}
