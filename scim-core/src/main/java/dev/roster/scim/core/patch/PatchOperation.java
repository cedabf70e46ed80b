package dev.roster.scim.core.patch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One operation of a PATCH request (RFC 7644 §3.5.2).
 *
 * <p>The value is kept as the client sent it (a JSON tree); the PATCH engine interprets it under
 * the target attribute's schema. The tree is shared, not copied, because a member list can hold
 * 100,000 entries: treat it as read-only, as Roster does.
 *
 * @param op the operation
 * @param path the target, or null for a path-less {@code add} or {@code replace}
 * @param value the value, or null when absent (as for most {@code remove} operations)
 */
public record PatchOperation(PatchOp op, PatchPath path, JsonNode value) {
  public PatchOperation {
    requireNonNull(op, "op");
    value = value == null || value.isMissingNode() ? null : value;
  }

  /** The target path, if one was sent. */
  public Optional<PatchPath> target() {
    return Optional.ofNullable(path);
  }

  /** Whether a value was sent (a JSON {@code null} counts as sent). */
  public boolean hasValue() {
    return value != null;
  }
}
