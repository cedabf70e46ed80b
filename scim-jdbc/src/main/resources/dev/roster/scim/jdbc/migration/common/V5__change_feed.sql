-- Roster schema, version 5: the change feed (JdbcStore.changes()). Runs unchanged on H2 and
-- PostgreSQL.
--
-- Every committed write of a user or a group appends its events to scim_changes in the same
-- transaction. Positions come from the single row of scim_change_counter, which every writing
-- transaction updates as its last step before the commit: its row lock is held until the commit,
-- so positions are handed out in commit order and without gaps, and a consumer that has read every
-- event up to position p never meets a later commit below p.
CREATE TABLE scim_change_counter (
  id       INTEGER NOT NULL PRIMARY KEY,
  position BIGINT  NOT NULL
);
INSERT INTO scim_change_counter (id, position) VALUES (1, 0);

-- One row per event. The lists are JSON arrays of strings (NULL when empty): the changed attribute
-- paths, and for membership the member ids added and removed, at most 1,000 ids per event (a larger
-- change is several consecutive events of the same version).
CREATE TABLE scim_changes (
  position           BIGINT       NOT NULL PRIMARY KEY,
  tenant             VARCHAR(64)  NOT NULL,
  resource_type      VARCHAR(16)  NOT NULL,
  resource_id        VARCHAR(64)  NOT NULL,
  version            BIGINT,
  operation          VARCHAR(16)  NOT NULL,
  changed_attributes TEXT,
  added_members      TEXT,
  removed_members    TEXT,
  recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Pruning deletes by age.
CREATE INDEX scim_changes_recorded_at ON scim_changes (recorded_at);

-- Each consumer's acknowledged position: it has applied every event up to it.
CREATE TABLE scim_change_consumers (
  consumer        VARCHAR(128) NOT NULL PRIMARY KEY,
  position        BIGINT       NOT NULL,
  acknowledged_at TIMESTAMP WITH TIME ZONE NOT NULL
);
