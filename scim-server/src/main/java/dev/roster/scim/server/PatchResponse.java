package dev.roster.scim.server;

/** How a successful PATCH is answered (RFC 7644 §3.5.2 allows both). */
public enum PatchResponse {
  /** 200 with the resource, subject to the {@code attributes} query parameter. */
  RESOURCE,
  /** 204 No Content, with the new {@code ETag}. */
  NO_CONTENT
}
