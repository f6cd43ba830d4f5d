-- Every change of the route table takes the next version; a route keeps the version of its last
-- change, and the route-changed event of a change carries it. A subscriber that sees a version
-- skipped knows it missed an event and reads the table again.
CREATE SEQUENCE route_table_version;
ALTER TABLE route_mappings ADD COLUMN version bigint NOT NULL DEFAULT 0;
