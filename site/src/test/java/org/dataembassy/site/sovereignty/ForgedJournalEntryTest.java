package org.dataembassy.site.sovereignty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dataembassy.site.TestCitizens.asOperator;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.dataembassy.runtime.journal.JournalApplier;
import org.dataembassy.runtime.journal.JournalCodec;
import org.dataembassy.runtime.journal.JournalEntry;
import org.dataembassy.runtime.journal.JournalPayload;
import org.dataembassy.runtime.journal.JournalStore;
import org.dataembassy.site.SiteCertificates;
import org.junit.jupiter.api.Test;

/**
 * The host of another site writes into the replicated journal directly, with the state's data key
 * (it cannot have the active site's journal key: that is in the active site's token). Its entry,
 * well sealed and well chained, is never folded; it is counted; the active site keeps writing.
 */
@QuarkusTest
@QuarkusTestResource(SiteCertificates.class)
class ForgedJournalEntryTest {

  @Inject JournalStore store;
  @Inject JournalApplier applier;
  @Inject JournalCodec codec;
  @Inject MeterRegistry metrics;

  private double refused() {
    var counter = metrics.find("embassy.journal.entries.refused").counter();
    return counter == null ? 0 : counter.count();
  }

  private static PrivateKey foreignKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair().getPrivate();
  }

  private JournalEntry forged(String claimedSite, PrivateKey key, String cadastralId) throws Exception {
    long sequence = applier.appliedSequence() + 1;
    var event = JournalCodec.json().valueToTree(Map.of(
        "cadastralId", cadastralId, "address", "Forged 1", "areaM2", 1, "purpose", "residential",
        "owners", List.of(Map.of("personalCode", "38001010009", "name", "Forger", "share", "1/1"))));
    String aad = JournalEntry.associatedData(sequence, 1, "landregister", "ParcelRegistered");
    JournalEntry entry = JournalEntry.create(sequence, 1, "landregister", "ParcelRegistered", Instant.now(),
        claimedSite, codec.seal(new JournalPayload(event, null, null), aad), applier.lastHash());
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initSign(key);
    signature.update(entry.hash().getBytes(StandardCharsets.US_ASCII));
    return entry.withSignature(Base64.getEncoder().encodeToString(signature.sign()));
  }

  @Test
  void shouldNeverFoldAnEntryNotSignedByTheEpochsActiveSiteAndKeepWriting() throws Exception {
    String id = String.format("%05d:%03d:%04d", ThreadLocalRandom.current().nextInt(100000), 999, 1);
    long before = applier.appliedSequence();
    double refusedBefore = refused();

    // as "home" (the active site) with a key that is not home's; then as "lux", a standby
    store.append(forged("home", foreignKey(), id));
    applier.signal();
    await().atMost(Duration.ofSeconds(5)).until(() -> refused() > refusedBefore);
    store.append(forged("lux", foreignKey(), id));
    applier.signal();
    await().atMost(Duration.ofSeconds(5)).until(() -> refused() > refusedBefore + 1);

    assertThat(applier.appliedSequence()).as("nothing folded").isEqualTo(before);
    asOperator().get("/parcels/" + id).then().statusCode(404);

    // the active site's own write takes that sequence, and is folded
    asOperator().contentType(ContentType.JSON)
        .body(Map.of("cadastralId", id, "address", "Tamme 5, Tartu", "areaM2", 1200, "purpose", "residential",
            "owners", List.of(Map.of("personalCode", "38001010009", "name", "Mari Maasikas", "share", "1/1"))))
        .post("/parcels").then().statusCode(201);
    asOperator().get("/parcels/" + id).then().statusCode(200)
        .body("address", org.hamcrest.Matchers.equalTo("Tamme 5, Tartu"));
    assertThat(applier.appliedSequence()).isGreaterThan(before);
  }
}
