/**
 * The PATCH engine (RFC 7644 §3.5.2): {@link dev.roster.scim.patch.PatchEngine} reads a PatchOp
 * request, applies its operations to a resource under the schema, all or nothing, and distils
 * member-only group operations into a {@link dev.roster.scim.core.spi.MemberDelta}.
 *
 * <p><b>Nullness:</b> non-null unless documented; an absent delta is an empty {@link
 * java.util.Optional}. <b>Threading:</b> the engine is immutable and safe to share; each
 * application works on its own copy of the resource.
 */
package dev.roster.scim.patch;
