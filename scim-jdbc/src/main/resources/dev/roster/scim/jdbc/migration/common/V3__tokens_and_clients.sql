-- Roster quickstart schema, version 3: secret tokens tenants paste into their identity provider,
-- and OAuth clients of the token endpoint, both as salted hashes only (never a token or a secret).
-- Runs unchanged on H2 and PostgreSQL.

CREATE TABLE scim_tokens (
  id          VARCHAR(32)   NOT NULL PRIMARY KEY,
  tenant      VARCHAR(64)   NOT NULL,
  label       VARCHAR(256)  NOT NULL,
  salt        VARCHAR(64)   NOT NULL,
  hash        VARCHAR(128)  NOT NULL,
  created     TIMESTAMP WITH TIME ZONE NOT NULL,
  expires     TIMESTAMP WITH TIME ZONE,
  last_used   TIMESTAMP WITH TIME ZONE,
  revoked     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX scim_tokens_tenant ON scim_tokens (tenant, created);

CREATE TABLE scim_oauth_clients (
  client_id   VARCHAR(256)  NOT NULL PRIMARY KEY,
  tenant      VARCHAR(64)   NOT NULL,
  enabled     BOOLEAN       NOT NULL
);

CREATE TABLE scim_oauth_client_secrets (
  client_id   VARCHAR(256)  NOT NULL REFERENCES scim_oauth_clients (client_id) ON DELETE CASCADE,
  id          VARCHAR(32)   NOT NULL,
  salt        VARCHAR(64)   NOT NULL,
  hash        VARCHAR(128)  NOT NULL,
  iterations  INTEGER       NOT NULL,
  created     TIMESTAMP WITH TIME ZONE NOT NULL,
  expires     TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (client_id, id)
);
