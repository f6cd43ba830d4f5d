-- A sign-in is completed only by the browser that began it: that browser holds a cookie with a
-- random value whose SHA-256 is kept here. Sign-ins begun before this column existed have no such
-- cookie and are dropped (they last 10 minutes; those people start again).
DELETE FROM oauth_flows;
ALTER TABLE oauth_flows ADD COLUMN browser_binding_hash bytea NOT NULL;
