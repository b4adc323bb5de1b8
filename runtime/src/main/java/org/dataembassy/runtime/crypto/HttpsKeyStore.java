package org.dataembassy.runtime.crypto;

import io.quarkus.tls.runtime.KeyStoreAndKeyCertOptions;
import io.quarkus.tls.runtime.KeyStoreProvider;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Gives Quarkus' default TLS configuration (the HTTPS server on :8443) the site's in-memory HTTPS
 * key and chain ({@link HttpsIdentity}) in place of key files. Quarkus asks again every {@code
 * quarkus.tls.reload-period}, which is when a certificate due for renewal is replaced.
 */
@ApplicationScoped
public class HttpsKeyStore implements KeyStoreProvider {

  @Inject HttpsIdentity identity;

  @Override
  public KeyStoreAndKeyCertOptions getKeyStore(Vertx vertx) {
    PemKeyCertOptions options = identity.keyCertOptions();
    try {
      return new KeyStoreAndKeyCertOptions(options.loadKeyStore(vertx), options);
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the site's HTTPS key", e);
    }
  }
}
