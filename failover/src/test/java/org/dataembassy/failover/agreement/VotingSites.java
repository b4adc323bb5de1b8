package org.dataembassy.failover.agreement;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dataembassy.failover.ControlCommand;
import org.dataembassy.failover.PromotionKind;
import org.dataembassy.runtime.crypto.SiteSignatures;
import org.dataembassy.runtime.crypto.StateCertificateAuthority;
import org.dataembassy.runtime.crypto.StateCertificateAuthority.SigningService;
import org.dataembassy.runtime.security.OperatorRole;

/**
 * Test fixture: home, lux and emb2 with journal-signing keys certified by one state CA, as the key
 * ceremony makes them, so tests sign real votes.
 */
public final class VotingSites {

  public static final List<String> SITES = List.of("home", "lux", "emb2");

  private final Map<String, PrivateKey> keys = new HashMap<>();
  private final Map<String, X509Certificate> certificates = new HashMap<>();
  private final SiteSignatures signatures;
  private final StateCertificateAuthority ca;

  public VotingSites() {
    try {
      ca = StateCertificateAuthority.inMemory("GOV");
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      for (String site : SITES) {
        KeyPair pair = generator.generateKeyPair();
        keys.put(site, pair.getPrivate());
        certificates.put(site, ca.certifySiteServiceKey(SigningService.JOURNAL, pair.getPublic(), site, Duration.ofDays(1)));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    signatures = new SiteSignatures(site -> Optional.ofNullable(certificates.get(site)));
  }

  /** The state root of these sites. */
  public X509Certificate stateCa() {
    return ca.certificate();
  }

  public PromotionAgreement agreement() {
    return new PromotionAgreement(SITES, signatures, ca.certificate());
  }

  /** An order to force {@code site} active in {@code generation}, signed by a person holding {@code role}. */
  public OperatorOrder order(String site, int generation, OperatorRole role) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair person = generator.generateKeyPair();
      X509Certificate cert = ca.certifyOperatorKey("Olga", role, person.getPublic(), Duration.ofDays(1));
      long at = System.currentTimeMillis();
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(person.getPrivate());
      signer.update(OperatorOrder.statement(site, generation, "drill", at));
      return new OperatorOrder(
          site, generation, "drill", at, Base64.getEncoder().encodeToString(cert.getEncoded()),
          Base64.getEncoder().encodeToString(signer.sign()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code voter}'s vote, signed with {@code signingKeyOf}'s key. */
  public PromotionVote vote(
      String voter, String signingKeyOf, PromotionKind kind, long fromEpoch, String active, String candidate,
      long startSequence, long stored) {
    PromotionVote unsigned =
        new PromotionVote(kind, voter, fromEpoch, active, candidate, startSequence, 2_000, stored, 1_700_000_000_000L, null);
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keys.get(signingKeyOf));
      signer.update(unsigned.statement());
      return unsigned.withSignature(Base64.getEncoder().encodeToString(signer.sign()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code voter}'s own vote; the candidate's holds {@code startSequence - 1}, the others' one less. */
  public PromotionVote vote(String voter, PromotionKind kind, long fromEpoch, String active, String candidate, long startSequence) {
    long stored = voter.equals(candidate) || kind == PromotionKind.RESUME ? startSequence - 1 : startSequence - 2;
    return vote(voter, voter, kind, fromEpoch, active, candidate, startSequence, stored);
  }

  /** A promotion of {@code candidate} from {@code fromEpoch} (active: {@code active}) with the votes of {@code voters}. */
  public ControlCommand.Promote promote(
      String candidate, long fromEpoch, String active, PromotionKind kind, long startSequence, String... voters) {
    List<PromotionVote> votes =
        java.util.Arrays.stream(voters).map(v -> vote(v, kind, fromEpoch, active, candidate, startSequence)).toList();
    return new ControlCommand.Promote(
        candidate, fromEpoch, startSequence, kind, "test", voters.length > 0 ? voters[0] : "none", 1_700_000_000_000L, votes);
  }
}
