package dev.roster.scim.server.auth.jwt;

/**
 * Why an {@link EntraTokenAuthenticator} refused a request, as reported to the listener given to
 * {@link EntraTokenAuthenticator.Builder#onRefusal}. It names the check that failed and never
 * carries any part of the token. Every refusal is answered with 401.
 */
public enum Refusal {
  /** No {@code Authorization: Bearer} header, or an empty token. */
  MISSING_TOKEN,
  /** The token is longer than {@link EntraTokenAuthenticator.Builder#maxTokenLength}. */
  TOO_LONG,
  /**
   * Not a compact JWS: not three canonical base64url segments, a header or claims that are not a
   * JSON object, a claim of the wrong type, or a {@code crit} header.
   */
  MALFORMED,
  /** The header's {@code alg} is not exactly {@code RS256} ({@code none} and HMAC included). */
  ALGORITHM,
  /** The header names no {@code kid}, or one the key set does not hold even after a refetch. */
  UNKNOWN_KEY,
  /** The signature does not verify with the key the {@code kid} names. */
  SIGNATURE,
  /** {@code exp} is past, beyond the allowed clock skew. */
  EXPIRED,
  /** {@code nbf} is ahead, beyond the allowed clock skew. */
  NOT_YET_VALID,
  /** {@code iss} is missing or not an accepted issuer. */
  ISSUER,
  /** {@code aud} is missing or does not name the configured audience. */
  AUDIENCE,
  /** {@code tid} names another tenant than {@code iss}. */
  TENANT_MISMATCH,
  /** A required claim is missing: {@code exp}, a tenant id, or a principal. */
  MISSING_CLAIM,
  /** The host's tenant mapping does not map the token's Entra tenant to a Roster tenant. */
  UNMAPPED_TENANT
}
