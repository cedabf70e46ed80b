/**
 * SCIM errors (RFC 7644 §3.12): {@link dev.roster.scim.core.error.ScimException}, thrown anywhere
 * in Roster and by repositories, becomes the error response {@link
 * dev.roster.scim.core.error.ScimError} with the Table 9 {@link
 * dev.roster.scim.core.error.ScimType} wire values.
 *
 * <p><b>Nullness:</b> non-null unless documented; a missing {@code scimType} is an empty {@link
 * java.util.Optional}. <b>Threading:</b> every type here is immutable and safe to share.
 */
package dev.roster.scim.core.error;
