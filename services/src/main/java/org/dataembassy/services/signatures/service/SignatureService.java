package org.dataembassy.services.signatures.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.crypto.StatePki;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.crypto.cms.CmsSignatures;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.crypto.cms.SignatureReport;
import org.dataembassy.runtime.crypto.keys.BlindIndex;
import org.dataembassy.runtime.rest.ProblemException;
import org.dataembassy.services.eid.service.CertificateStatusIndex;
import org.dataembassy.services.signatures.SignatureProblem;
import org.jboss.logging.Logger;

/** Validates citizens' signatures and adds the state's signature time-stamp to valid ones. */
@ApplicationScoped
public class SignatureService {

  private static final Logger LOG = Logger.getLogger(SignatureService.class);
  /** SHA-256, SHA-384, SHA-512 digest lengths in hex. */
  private static final Set<Integer> DIGEST_HEX_LENGTHS = Set.of(64, 96, 128);

  @Inject StatePki pki;
  @Inject CertificateStatusIndex statuses;
  @Inject BlindIndex blindIndex;

  private final Clock clock = Clock.systemUTC();

  /** The validation report of {@code cms} over the document whose digest is {@code digestHex}. */
  public SignatureReport validate(byte[] cms, String digestHex) {
    return pki.signatures().validate(cms, digest(digestHex), statuses, clock.instant());
  }

  /** The signature with a signature time-stamp added; 422 with the failed checks if it is not valid. */
  public CmsSignatures.Augmented augment(byte[] cms, String digestHex) {
    SignatureReport report = validate(cms, digestHex);
    if (report.status() != SignatureReport.Status.VALID) {
      List<Map<String, String>> failed =
          report.checks().stream()
              .filter(c -> c.outcome() == SignatureReport.Outcome.FAILED)
              .map(c -> Map.of("field", c.name(), "message", c.detail()))
              .toList();
      throw new ProblemException(
          SignatureProblem.SIGNATURE_INVALID,
          "The signature failed " + failed.size() + " check(s); POST /signatures/validation gives the full report.",
          failed,
          null);
    }
    LOG.debugf("signature time-stamped (certificate ref %s)", blindIndex.reference("certificate", String.valueOf(report.signer().serial())));
    return pki.signatures().augment(cms, pki.timeStampAuthority());
  }

  private static byte[] digest(String hex) {
    if (hex == null || !DIGEST_HEX_LENGTHS.contains(hex.strip().length()) || !hex.strip().matches("[0-9a-fA-F]+")) {
      throw new ProblemException(
          SignatureProblem.INVALID_DIGEST,
          "Give the document's digest in hex: ?digest=<sha256sum of the document> (SHA-256, -384 or -512).");
    }
    return HexFormat.of().parseHex(hex.strip());
  }
}
