package org.dataembassy.runtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The state PKI at this site: its signing services and the certificates it issues. */
@ConfigMapping(prefix = "embassy.crypto")
public interface CryptoConfig {

  /**
   * JCA provider for the state's signatures (time-stamp tokens, OCSP responses): {@code accp}
   * (Amazon Corretto Crypto Provider, native; falls back to Bouncy Castle if it cannot load),
   * {@code bouncycastle} or {@code jdk}.
   */
  @WithDefault("accp")
  String signingProvider();

  /** The TSA policy OID written in every time-stamp token (2.999 is the example arc). */
  @WithDefault("2.999.1.1")
  String tsaPolicy();

  /** Country code in citizen certificates' {@code serialNumber} ({@code PNOEE-<code>}). */
  @WithDefault("EE")
  String citizenCountry();

  /** Validity of a citizen eID certificate (ISO-8601 duration). */
  @WithDefault("P1826D")
  Duration citizenCertificateValidity();

  /**
   * Validity ({@code nextUpdate}) of an OCSP response to a request without a nonce. Such responses
   * are pre-produced (RFC 5019): answered again for the same certificate for half this time, or
   * until any certificate status changes. {@code PT0S}: sign every response anew.
   */
  @WithDefault("PT1H")
  Duration ocspResponseValidity();

  /** How many pre-produced OCSP responses a site keeps at most (about 1 KB each). */
  @WithDefault("10000")
  int ocspPreProducedResponses();

  /**
   * TLS engine of the site's HTTPS server: {@code openssl} (BoringSSL through netty-tcnative,
   * falls back to the JDK's if it cannot load) or {@code jdk}.
   */
  @WithDefault("openssl")
  String httpsTlsEngine();

  /**
   * How long the certificate of the site's HTTPS key is valid. The key is made in memory at every
   * start and certified by the site's issuing CA (in its token); it is renewed, with a new key,
   * once a third of this is left (checked every {@code quarkus.tls.reload-period}).
   */
  @WithDefault("P7D")
  Duration httpsCertificateValidity();

  /**
   * SunPKCS11 configuration of this site's PKCS#11 token (SoftHSM2 locally, an HSM in production).
   * Default: {@code <site-dir>/token/pkcs11.cfg}, written by the key ceremony.
   */
  Optional<Path> tokenConfig();

  /** File holding the token's PIN, owner-only. Default: {@code <site-dir>/token/pin}. */
  Optional<Path> tokenPinFile();

  /** The token's PIN itself ({@code EMBASSY_CRYPTO_TOKEN_PIN}); wins over the PIN file. */
  Optional<String> tokenPin();
}
