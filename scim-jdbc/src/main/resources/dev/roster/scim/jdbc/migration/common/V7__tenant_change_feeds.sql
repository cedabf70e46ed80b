-- Roster schema, version 7: each tenant's own change feed (ChangeFeed.tenant). Runs unchanged on H2
-- and PostgreSQL (15 or later, for MERGE).
--
-- Every event also gets a place among its own tenant's events, tenant_position: 1, 2, 3, ... for
-- each tenant, without gaps, in commit order. A writing transaction takes its tenant's next
-- positions from the tenant's row of scim_change_tenant_counters right after it has updated
-- scim_change_counter, whose row lock it holds until its commit: so a tenant's positions follow
-- commit order as the feed's do. A tenant's consumer reads its events by (tenant, tenant_position),
-- an index range that holds no other tenant's event, however many those write.
ALTER TABLE scim_changes ADD COLUMN tenant_position BIGINT;

-- The events already recorded, numbered in position order. The column stays nullable: an older
-- scim-jdbc still writing to this database (during an upgrade) records events without it, which
-- the feed of every tenant has and the tenant's own feed does not.
MERGE INTO scim_changes c
  USING (SELECT position, ROW_NUMBER() OVER (PARTITION BY tenant ORDER BY position) AS n
         FROM scim_changes) s
  ON c.position = s.position
  WHEN MATCHED THEN UPDATE SET tenant_position = s.n;
CREATE UNIQUE INDEX scim_changes_tenant_position ON scim_changes (tenant, tenant_position);

-- Each tenant's last tenant_position.
CREATE TABLE scim_change_tenant_counters (
  tenant   VARCHAR(64) NOT NULL PRIMARY KEY,
  position BIGINT      NOT NULL
);
INSERT INTO scim_change_tenant_counters (tenant, position)
  SELECT tenant, MAX(tenant_position) FROM scim_changes
  WHERE tenant_position IS NOT NULL GROUP BY tenant;

-- Each tenant consumer's acknowledged tenant_position: a name is a consumer of its tenant only, and
-- apart from the consumers of every tenant in scim_change_consumers.
CREATE TABLE scim_change_tenant_consumers (
  tenant          VARCHAR(64)  NOT NULL,
  consumer        VARCHAR(128) NOT NULL,
  position        BIGINT       NOT NULL,
  acknowledged_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, consumer)
);
