package org.dataembassy.site.sovereignty;

import static org.dataembassy.site.TestCitizens.as;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.dataembassy.runtime.crypto.Digests;
import org.dataembassy.runtime.replication.ReplicatedCaches;
import org.dataembassy.site.SiteCertificates;
import org.dataembassy.site.TestCitizens;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;
import org.junit.jupiter.api.Test;

/**
 * The host of another site holds the state's data key and the replicated sessions cache: it can
 * seal a session value as well as any site. It cannot sign it as a site whose token it lacks: a
 * session value re-signed with any other key is refused when read, at every site.
 */
@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class ForgedSessionTest {

  @Inject EmbeddedCacheManager caches;

  /** The stored form with its signature replaced by one from a key of the forger's own. */
  private static byte[] resigned(byte[] stored, String claimedSite, String cacheKey) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(stored);
    in.get();
    int siteLength = in.get() & 0xff;
    in.position(in.position() + siteLength);
    int signatureLength = in.getShort() & 0xffff;
    in.position(in.position() + signatureLength);
    byte[] sealed = new byte[in.remaining()];
    in.get(sealed);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(generator.generateKeyPair().getPrivate());
    signer.update(("short-lived|" + ReplicatedCaches.SESSIONS + "/" + cacheKey + "|" + claimedSite + "|").getBytes(StandardCharsets.UTF_8));
    signer.update(sealed);
    byte[] site = claimedSite.getBytes(StandardCharsets.US_ASCII);
    byte[] signature = Base64.getEncoder().encodeToString(signer.sign()).getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(2 + site.length + 2 + signature.length + sealed.length)
        .put((byte) 1).put((byte) site.length).put(site).putShort((short) signature.length).put(signature).put(sealed)
        .array();
  }

  @Test
  void shouldRefuseASessionValueNotSignedByTheSiteThatItNames() throws Exception {
    String token = TestCitizens.login(TestCitizens.enrol(TestCitizens.newPersonalCode(), "Mari Maasikas"));
    as(token).get("/sessions/current").then().statusCode(200);
    Cache<String, byte[]> sessions = caches.getCache(ReplicatedCaches.SESSIONS);
    String key = Digests.sha256Hex(token.getBytes(StandardCharsets.UTF_8));
    byte[] genuine = sessions.get(key);

    for (String claimed : new String[] {"home", "lux"}) {
      sessions.put(key, resigned(genuine, claimed, key));
      as(token).get("/sessions/current").then().statusCode(401);
    }

    sessions.put(key, genuine); // the same sealed value with the writing site's own signature
    as(token).get("/sessions/current").then().statusCode(200);
  }
}
