package org.dataembassy.runtime.security;

/** Reads the token of an {@code Authorization: Bearer <token>} header. */
public final class BearerToken {

  private static final String PREFIX = "Bearer ";

  private BearerToken() {}

  /** The token, or null if the header is absent or not a bearer credential. */
  public static String of(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    String token = authorization.substring(PREFIX.length()).trim();
    return token.isEmpty() ? null : token;
  }
}
