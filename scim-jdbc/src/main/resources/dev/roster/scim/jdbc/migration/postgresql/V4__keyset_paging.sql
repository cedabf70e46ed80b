-- Cursor paging (RFC 9865) reads a listing without sortBy in id order, the ids compared byte-wise
-- (COLLATE "C": the same order on every server, whatever its locale), and asks for the rows after
-- the last id of the previous page. These indexes carry that very expression, so a page is a range
-- scan from the cursor, as cheap 90,000 rows deep as on the first page. (The primary key's index
-- uses the database's default collation, which PostgreSQL cannot use for a "C" ordering.)
CREATE INDEX scim_users_id_bytes ON scim_users (tenant, (id COLLATE "C"));
CREATE INDEX scim_groups_id_bytes ON scim_groups (tenant, (id COLLATE "C"));
