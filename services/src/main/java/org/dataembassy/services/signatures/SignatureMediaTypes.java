package org.dataembassy.services.signatures;

/** The standard media types of the signature services (RFC 3161, RFC 6960, RFC 5652/8551). */
public final class SignatureMediaTypes {

  public static final String TIMESTAMP_QUERY = "application/timestamp-query";
  public static final String TIMESTAMP_REPLY = "application/timestamp-reply";
  public static final String OCSP_REQUEST = "application/ocsp-request";
  public static final String OCSP_RESPONSE = "application/ocsp-response";
  public static final String CMS = "application/cms";
  public static final String PKCS7_MIME = "application/pkcs7-mime";
  public static final String PKCS7_SIGNATURE = "application/pkcs7-signature";

  private SignatureMediaTypes() {}
}
