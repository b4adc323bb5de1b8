package org.dataembassy.runtime.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.util.Locale;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jboss.logging.Logger;

/**
 * The JCA provider that computes the state's signatures (time-stamp tokens, OCSP responses).
 * Measured on this kind of machine (FACTS.md, docs/benchmarks.md): Amazon Corretto Crypto Provider
 * signs ECDSA P-256 ≈ 5× faster than Bouncy Castle and ≈ 35× faster than the JDK's SunEC on Java
 * 17, so it is the default where its native library loads; Bouncy Castle otherwise. Bouncy Castle
 * still builds every ASN.1, CMS, TSP and OCSP structure.
 */
public final class SigningProvider {

  private static final Logger LOG = Logger.getLogger(SigningProvider.class);

  /** The providers an operator can choose with {@code embassy.crypto.signing-provider}. */
  public enum Choice {
    ACCP,
    BOUNCYCASTLE,
    JDK
  }

  private SigningProvider() {}

  /** Parses a configured name (case-insensitive); one line naming the choices if unknown. */
  public static Choice choice(String name) {
    try {
      return Choice.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "embassy.crypto.signing-provider must be accp, bouncycastle or jdk, not " + name);
    }
  }

  /** The provider for the choice; ACCP falls back to Bouncy Castle, with a warning, if it cannot load. */
  public static Provider forChoice(Choice choice) {
    return switch (choice) {
      case ACCP -> accpOrFallback();
      case BOUNCYCASTLE -> bouncyCastle();
      case JDK -> jdkEc();
    };
  }

  /**
   * Installs ACCP as the JVM's first JCA provider, so that everything else uses native code too:
   * the TLS of HTTPS and of the site links (AES-GCM, ECDHE, ECDSA) and digests. The JDK's AES-GCM
   * is slow without the optimising compiler (its GHASH intrinsic is C2-only, and sites run C1 for
   * start-up speed). Returns false, changing nothing, if ACCP cannot load or is unhealthy.
   */
  public static boolean installFirst() {
    try {
      AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
      if (accp.getLoadingError() != null) {
        return false;
      }
      accp.assertHealthy();
      AmazonCorrettoCryptoProvider.install();
      return true;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static Provider bouncyCastle() {
    return BouncyCastleHolder.PROVIDER;
  }

  private static Provider accpOrFallback() {
    try {
      AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
      Throwable loadingError = accp.getLoadingError();
      if (loadingError == null) {
        accp.assertHealthy();
        return accp;
      }
      LOG.warnf(
          "EMB-CR-001 Amazon Corretto Crypto Provider unavailable (%s); signing with Bouncy Castle",
          loadingError.toString());
    } catch (RuntimeException | LinkageError e) {
      LOG.warnf(
          "EMB-CR-001 Amazon Corretto Crypto Provider unavailable (%s); signing with Bouncy Castle", e.toString());
    }
    return bouncyCastle();
  }

  private static Provider jdkEc() {
    Provider sunEc = java.security.Security.getProvider("SunEC");
    if (sunEc == null) {
      throw new IllegalStateException("the JDK's SunEC provider is not installed");
    }
    return sunEc;
  }

  private static final class BouncyCastleHolder {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }
}
