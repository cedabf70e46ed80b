-- Cursor paging (RFC 9865) reads a listing without sortBy in id order and asks for the rows after
-- the last id of the previous page. H2 compares strings byte-wise already, so the primary key
-- (tenant, id) could serve these range scans; but its index has a generated name, and H2's planner,
-- with one tenant's statistics, at times read another index and sorted every row after the cursor
-- (most of the table for an early page). These indexes give that order a name the store asks for.
CREATE UNIQUE INDEX scim_users_id_order ON scim_users (tenant, id);
CREATE UNIQUE INDEX scim_groups_id_order ON scim_groups (tenant, id);
