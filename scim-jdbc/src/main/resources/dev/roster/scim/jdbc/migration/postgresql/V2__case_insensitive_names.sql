-- userName and a group's displayName are unique per tenant ignoring case (RFC 7643 §4.1.1, and
-- Entra ID looks them up in any case). Scim-filter compares such attributes as LOWER(column) =
-- LOWER(?), so these expression indexes both enforce uniqueness and serve the lookups.
CREATE UNIQUE INDEX scim_users_user_name ON scim_users (tenant, lower(user_name));
CREATE UNIQUE INDEX scim_groups_display_name ON scim_groups (tenant, lower(display_name));

-- Further case-insensitive filters identity providers send.
CREATE INDEX scim_users_display_name ON scim_users (tenant, lower(display_name));
CREATE INDEX scim_user_emails_value ON scim_user_emails (tenant, lower(email));
