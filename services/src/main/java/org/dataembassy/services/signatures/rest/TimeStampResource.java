package org.dataembassy.services.signatures.rest;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.dataembassy.runtime.crypto.StatePki;
import org.dataembassy.services.signatures.SignatureMediaTypes;

/**
 * The state time-stamping authority over HTTP (RFC 3161 §3.4): {@code POST
 * https://sign.<zone>:8443/tsa} with a DER TimeStampReq. Every request body gets a TimeStampResp:
 * granted, or rejected with the failure info (bad algorithm, bad data format, unaccepted policy).
 */
@Path("/tsa")
public class TimeStampResource {

  /** A TimeStampReq is a hash and a few fields: far below this. */
  static final int MAX_REQUEST_BYTES = 16 * 1024;

  @Inject StatePki pki;
  @Inject BodyLimits limits;

  @POST
  @NonBlocking
  @Consumes(SignatureMediaTypes.TIMESTAMP_QUERY)
  @Produces(SignatureMediaTypes.TIMESTAMP_REPLY)
  public byte[] timestamp(byte[] request) {
    limits.check(request, MAX_REQUEST_BYTES);
    return pki.timeStampAuthority().respond(request);
  }
}
