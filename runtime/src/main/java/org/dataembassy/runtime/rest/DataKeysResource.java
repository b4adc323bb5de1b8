package org.dataembassy.runtime.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Context;
import io.vertx.core.http.HttpServerRequest;
import org.dataembassy.runtime.security.OperatorIdentity;
import org.dataembassy.runtime.security.Operators;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.dataembassy.runtime.crypto.keys.DataKeyRing;
import org.jboss.logging.Logger;

/**
 * Operator API of the state's data key at this site ({@code ./embassy keys rotate}): which version
 * seals what this site writes, and the switch to the newest version the key ceremony delivered.
 * Values sealed under earlier versions stay readable.
 */
@Path("/operator/data-keys")
@Produces(MediaType.APPLICATION_JSON)
public class DataKeysResource {

  private static final Logger AUDIT = Logger.getLogger("org.dataembassy.audit");

  @Inject DataKeyRing keys;
  @Inject Operators operators;

  /** The data key version in use; {@code previous} is the one before a switch. */
  public record DataKeyVersion(int version, int previous) {}

  @GET
  public DataKeyVersion current(@Context HttpServerRequest request) {
    operators.requireReader(request);
    return new DataKeyVersion(keys.currentVersion(), keys.currentVersion());
  }

  /** Seals from now on under the newest delivered version (no change if there is none newer). */
  @POST
  public DataKeyVersion useNewest(@Context HttpServerRequest request) {
    OperatorIdentity operator = operators.require(request);
    int previous = keys.currentVersion();
    int now = keys.refresh();
    AUDIT.infof("EMB-AU-030 data key version %d in use (was %d), by %s", now, previous, operator.subject());
    return new DataKeyVersion(now, previous);
  }
}
