package org.dataembassy.services.landregister;

import java.time.Instant;
import java.util.List;

/**
 * A transfer waiting for consents, as the API returns it to the parcel's owners, notaries and
 * operators ({@code GET /parcels/{id}/transfers/{transferId}}).
 *
 * @param awaiting the personal codes of the owners whose consent is still needed
 */
public record PendingTransferView(
    long transferId, String cadastralId, long expectedVersion, List<ParcelView.OwnerView> owners,
    List<String> awaiting, List<String> consented, Instant expiresAt) {}
