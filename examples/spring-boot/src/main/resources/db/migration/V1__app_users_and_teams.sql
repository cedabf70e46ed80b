-- The application's own tables, as they were before it offered SCIM: nothing here is SCIM's.
-- Roster's repositories (AppUserDirectory, TeamDirectory) map SCIM Users and Groups onto them.

CREATE TABLE app_user (
  id           VARCHAR(36)  NOT NULL PRIMARY KEY,
  login_name   VARCHAR(255) NOT NULL,
  -- login_name in lower case: the unique key, since sign-in names ignore case.
  login_key    VARCHAR(255) NOT NULL,
  external_id  VARCHAR(255),
  is_active    BOOLEAN      NOT NULL DEFAULT TRUE,
  first_name   VARCHAR(255),
  last_name    VARCHAR(255),
  work_email   VARCHAR(320),
  mobile_phone VARCHAR(64),
  created_at   TIMESTAMP    NOT NULL,
  updated_at   TIMESTAMP    NOT NULL,
  row_version  BIGINT       NOT NULL
);
CREATE UNIQUE INDEX app_user_login_key ON app_user (login_key);
CREATE INDEX app_user_external_id ON app_user (external_id);

CREATE TABLE team (
  id           VARCHAR(36)  NOT NULL PRIMARY KEY,
  title        VARCHAR(255) NOT NULL,
  title_key    VARCHAR(255) NOT NULL,
  external_ref VARCHAR(255),
  created_at   TIMESTAMP    NOT NULL,
  updated_at   TIMESTAMP    NOT NULL,
  row_version  BIGINT       NOT NULL
);
CREATE UNIQUE INDEX team_title_key ON team (title_key);

CREATE TABLE team_member (
  team_id VARCHAR(36) NOT NULL REFERENCES team (id) ON DELETE CASCADE,
  user_id VARCHAR(36) NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_member_user ON team_member (user_id);
