package org.dataembassy.services.signatures.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.dataembassy.runtime.crypto.cms.CmsSignatures;
import org.dataembassy.runtime.crypto.cms.SignatureReport;
import org.dataembassy.services.signatures.SignatureMediaTypes;
import org.dataembassy.services.signatures.service.SignatureService;

/**
 * Citizens' detached CMS signatures over a document ({@code https://sign.<zone>:8443/signatures}):
 * the document itself never reaches the state, only its digest ({@code ?digest=<hex>}).
 */
@Path("/signatures")
public class SignatureResource {

  @Inject SignatureService service;
  @Inject BodyLimits limits;

  /** Validates the signature and returns it augmented with the state's signature time-stamp. */
  @POST
  @Consumes({SignatureMediaTypes.CMS, SignatureMediaTypes.PKCS7_MIME, SignatureMediaTypes.PKCS7_SIGNATURE})
  @Produces(SignatureMediaTypes.CMS)
  public Response augment(byte[] cms, @QueryParam("digest") String digest) {
    limits.check(cms, CmsSignatures.MAX_SIGNATURE_BYTES);
    CmsSignatures.Augmented augmented = service.augment(cms, digest);
    return Response.ok(augmented.cms(), SignatureMediaTypes.CMS)
        .header("Embassy-Timestamp", augmented.timestampTime())
        .build();
  }

  /** The validation report: who signed, when, and the outcome of each check. */
  @POST
  @Path("/validation")
  @Consumes({SignatureMediaTypes.CMS, SignatureMediaTypes.PKCS7_MIME, SignatureMediaTypes.PKCS7_SIGNATURE})
  @Produces(MediaType.APPLICATION_JSON)
  public SignatureReport validate(byte[] cms, @QueryParam("digest") String digest) {
    limits.check(cms, CmsSignatures.MAX_SIGNATURE_BYTES);
    return service.validate(cms, digest);
  }
}
