-- Roster quickstart schema, version 1: users with their multi-valued attributes, groups and
-- memberships. Runs unchanged on H2 and PostgreSQL. Every table carries the tenant, and every key
-- starts with it, so that one tenant's rows are never reachable through another's ids.

CREATE TABLE scim_users (
  tenant               VARCHAR(64)   NOT NULL,
  id                   VARCHAR(64)   NOT NULL,
  version              BIGINT        NOT NULL,
  created              TIMESTAMP WITH TIME ZONE NOT NULL,
  last_modified        TIMESTAMP WITH TIME ZONE NOT NULL,
  user_name            VARCHAR(256)  NOT NULL,
  external_id          VARCHAR(256),
  display_name         VARCHAR(256),
  nick_name            VARCHAR(256),
  profile_url          VARCHAR(1024),
  title                VARCHAR(256),
  user_type            VARCHAR(256),
  preferred_language   VARCHAR(64),
  locale               VARCHAR(64),
  timezone             VARCHAR(64),
  active               BOOLEAN,
  name_formatted       VARCHAR(512),
  family_name          VARCHAR(256),
  given_name           VARCHAR(256),
  middle_name          VARCHAR(256),
  honorific_prefix     VARCHAR(64),
  honorific_suffix     VARCHAR(64),
  -- urn:ietf:params:scim:schemas:extension:enterprise:2.0:User
  employee_number      VARCHAR(256),
  cost_center          VARCHAR(256),
  organization         VARCHAR(256),
  division             VARCHAR(256),
  department           VARCHAR(256),
  manager_id           VARCHAR(256),
  manager_ref          VARCHAR(1024),
  manager_display_name VARCHAR(256),
  -- Everything without a column, as a JSON object laid out like the resource: custom extensions
  -- under their URN, and the rarely used core attributes (ims, photos, roles, entitlements, ...).
  other_attributes     TEXT,
  PRIMARY KEY (tenant, id)
);

CREATE TABLE scim_user_emails (
  tenant     VARCHAR(64)  NOT NULL,
  user_id    VARCHAR(64)  NOT NULL,
  ordinal    INTEGER      NOT NULL,
  email      VARCHAR(512),
  type       VARCHAR(64),
  is_primary BOOLEAN,
  display    VARCHAR(256),
  PRIMARY KEY (tenant, user_id, ordinal),
  FOREIGN KEY (tenant, user_id) REFERENCES scim_users (tenant, id) ON DELETE CASCADE
);

CREATE TABLE scim_user_phone_numbers (
  tenant       VARCHAR(64)  NOT NULL,
  user_id      VARCHAR(64)  NOT NULL,
  ordinal      INTEGER      NOT NULL,
  phone_number VARCHAR(128),
  type         VARCHAR(64),
  is_primary   BOOLEAN,
  display      VARCHAR(256),
  PRIMARY KEY (tenant, user_id, ordinal),
  FOREIGN KEY (tenant, user_id) REFERENCES scim_users (tenant, id) ON DELETE CASCADE
);

CREATE TABLE scim_user_addresses (
  tenant         VARCHAR(64)  NOT NULL,
  user_id        VARCHAR(64)  NOT NULL,
  ordinal        INTEGER      NOT NULL,
  formatted      VARCHAR(1024),
  street_address VARCHAR(512),
  locality       VARCHAR(256),
  region         VARCHAR(256),
  postal_code    VARCHAR(64),
  country        VARCHAR(64),
  type           VARCHAR(64),
  is_primary     BOOLEAN,
  PRIMARY KEY (tenant, user_id, ordinal),
  FOREIGN KEY (tenant, user_id) REFERENCES scim_users (tenant, id) ON DELETE CASCADE
);

CREATE TABLE scim_groups (
  tenant           VARCHAR(64)  NOT NULL,
  id               VARCHAR(64)  NOT NULL,
  version          BIGINT       NOT NULL,
  created          TIMESTAMP WITH TIME ZONE NOT NULL,
  last_modified    TIMESTAMP WITH TIME ZONE NOT NULL,
  display_name     VARCHAR(256) NOT NULL,
  external_id      VARCHAR(256),
  other_attributes TEXT,
  PRIMARY KEY (tenant, id)
);

-- One row per direct member, user or group. Membership changes are single INSERTs and DELETEs
-- here; a group's row is only touched to bump its version.
CREATE TABLE scim_group_members (
  tenant      VARCHAR(64) NOT NULL,
  group_id    VARCHAR(64) NOT NULL,
  member_id   VARCHAR(64) NOT NULL,
  member_type VARCHAR(16) NOT NULL,
  PRIMARY KEY (tenant, group_id, member_id),
  FOREIGN KEY (tenant, group_id) REFERENCES scim_groups (tenant, id) ON DELETE CASCADE
);

-- A user's groups, and cleaning up after a deleted user or group.
CREATE INDEX scim_group_members_member ON scim_group_members (tenant, member_id);
-- Lookups Entra ID and Okta make with case-exact values, and listing in creation order.
CREATE INDEX scim_users_external_id ON scim_users (tenant, external_id);
CREATE INDEX scim_users_created ON scim_users (tenant, created, id);
CREATE INDEX scim_groups_external_id ON scim_groups (tenant, external_id);
CREATE INDEX scim_groups_created ON scim_groups (tenant, created, id);
