package org.dataembassy.services.signatures.rest;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.util.Base64;
import org.dataembassy.runtime.crypto.StatePki;
import org.dataembassy.services.eid.service.CertificateStatusIndex;
import org.dataembassy.services.signatures.SignatureMediaTypes;

/**
 * The state OCSP responder (RFC 6960): {@code POST https://sign.<zone>:8443/ocsp} with a DER
 * OCSPRequest, or {@code GET /ocsp/<base64 of the request>} (appendix A.1). Answers from this
 * site's certificate register, which every site holds alike.
 */
@Path("/ocsp")
public class OcspResource {

  static final int MAX_REQUEST_BYTES = 16 * 1024;

  @Inject StatePki pki;
  @Inject CertificateStatusIndex statuses;
  @Inject BodyLimits limits;

  @POST
  @NonBlocking
  @Consumes(SignatureMediaTypes.OCSP_REQUEST)
  @Produces(SignatureMediaTypes.OCSP_RESPONSE)
  public byte[] post(byte[] request) {
    limits.check(request, MAX_REQUEST_BYTES);
    return pki.ocspResponder().respond(request, statuses);
  }

  @GET
  @NonBlocking
  @Path("/{request: .+}")
  @Produces(SignatureMediaTypes.OCSP_RESPONSE)
  public byte[] get(@PathParam("request") String encoded) {
    byte[] request;
    try {
      // clients send it URL-encoded base64; the path parameter arrives decoded
      request = Base64.getDecoder().decode(encoded.replace('-', '+').replace('_', '/').strip());
    } catch (IllegalArgumentException e) {
      request = new byte[0]; // answered as a malformed request, as RFC 6960 wants
    }
    limits.check(request, MAX_REQUEST_BYTES);
    return pki.ocspResponder().respond(request, statuses);
  }
}
