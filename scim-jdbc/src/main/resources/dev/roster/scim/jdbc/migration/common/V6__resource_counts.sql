-- Roster schema, version 6: how many users and groups each tenant has. Runs unchanged on H2 and
-- PostgreSQL.
--
-- A listing's totalResults (RFC 7644 §3.4.2) is the sum of a tenant's rows here instead of a
-- COUNT(*) over its users, which reads 100,000 index entries for every page of a 100,000-user
-- directory (and the table itself too on a freshly loaded PostgreSQL database, whose visibility map
-- VACUUM has not yet written). Every transaction that creates or deletes users or groups adds its
-- net change, as its last step before the commit, to one of 16 slots of the tenant and type, picked
-- at random per transaction, so that concurrent creates rarely wait for each other's commit on one
-- row. A slot may go negative (a user created in one slot and deleted in another); only the sum is
-- meaningful.
--
-- A host that inserts or deletes rows of scim_users or scim_groups with its own SQL must change the
-- counts too, or recount (see the README of scim-jdbc).
CREATE TABLE scim_resource_counts (
  tenant        VARCHAR(64) NOT NULL,
  resource_type VARCHAR(16) NOT NULL,
  slot          INTEGER     NOT NULL,
  resources     BIGINT      NOT NULL,
  PRIMARY KEY (tenant, resource_type, slot)
);

INSERT INTO scim_resource_counts (tenant, resource_type, slot, resources)
  SELECT tenant, 'User', 0, COUNT(*) FROM scim_users GROUP BY tenant;
INSERT INTO scim_resource_counts (tenant, resource_type, slot, resources)
  SELECT tenant, 'Group', 0, COUNT(*) FROM scim_groups GROUP BY tenant;
