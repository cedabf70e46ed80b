-- userName and a group's displayName are unique per tenant ignoring case (RFC 7643 §4.1.1, and
-- Entra ID looks them up in any case). H2 has no expression indexes, so a generated lower-case
-- column carries the unique index. (Filters compare LOWER(column), which H2 evaluates on the
-- tenant's rows; PostgreSQL's migration indexes the expression itself.)
ALTER TABLE scim_users ADD COLUMN user_name_key VARCHAR(256) GENERATED ALWAYS AS (LOWER(user_name));
CREATE UNIQUE INDEX scim_users_user_name ON scim_users (tenant, user_name_key);
ALTER TABLE scim_groups ADD COLUMN display_name_key VARCHAR(256) GENERATED ALWAYS AS (LOWER(display_name));
CREATE UNIQUE INDEX scim_groups_display_name ON scim_groups (tenant, display_name_key);

CREATE INDEX scim_user_emails_value ON scim_user_emails (tenant, email);
