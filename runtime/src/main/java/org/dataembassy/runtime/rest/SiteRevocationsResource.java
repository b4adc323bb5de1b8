package org.dataembassy.runtime.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.dataembassy.runtime.crypto.SiteRevocations;
import org.dataembassy.runtime.security.OperatorIdentity;
import org.dataembassy.runtime.security.Operators;
import org.jboss.logging.Logger;

/**
 * Operator API of the sites the state revoked ({@code ./embassy site revoke SITE}), on the
 * management port: what this site refuses, and the state root's revocation list handed to it
 * (DER, {@code application/pkix-crl}, as the key ceremony signed it in the state's token). A list
 * is taken only if the root signed it and it is not older than the one in force; it is in force
 * when the answer comes. The site cannot make or change one: it holds no key of the root.
 */
@Path("/operator/site-revocations")
@Produces(MediaType.APPLICATION_JSON)
public class SiteRevocationsResource {

  public static final String PKIX_CRL = "application/pkix-crl";
  private static final Logger AUDIT = Logger.getLogger("org.dataembassy.audit");

  @Inject SiteRevocations revocations;
  @Inject Operators operators;

  @GET
  public SiteRevocations.Summary current(@Context HttpServerRequest request) {
    operators.requireReader(request);
    return revocations.summary();
  }

  @PUT
  @Consumes(PKIX_CRL)
  public SiteRevocations.Summary install(@Context HttpServerRequest request, byte[] list) {
    OperatorIdentity operator = operators.require(request);
    if (list == null || list.length == 0) {
      throw new ProblemException(RevocationProblem.NOT_A_REVOCATION_LIST, "The body is the root's CRL in DER (data/state/revoked-sites.crl).");
    }
    if (list.length > SiteRevocations.MAX_BYTES) {
      throw new ProblemException(CommonProblem.REQUEST_TOO_LARGE, "A revocation list is at most " + SiteRevocations.MAX_BYTES + " bytes.");
    }
    try {
      SiteRevocations.Summary now = revocations.install(list);
      AUDIT.infof("EMB-AU-050 state root's revocation list %s taken: sites %s refused (%d certificates), by %s",
          now.number(), now.sites(), now.certificates(), operator.subject());
      return now;
    } catch (SiteRevocations.Refused e) {
      throw new ProblemException(
          e.older() ? RevocationProblem.REVOCATION_LIST_OUTDATED : RevocationProblem.NOT_A_REVOCATION_LIST, e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the revocation list", e);
    }
  }
}
