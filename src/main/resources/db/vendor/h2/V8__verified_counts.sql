-- The admin list filters by verified address (verified=true|false) and still reads its total
-- from user_counts instead of counting a million rows: the counters gain email_verified, and
-- the default order (newest first) gets an index that starts with it. The same change as the
-- PostgreSQL variant (db/vendor/postgresql), whose trigger function must change in the same
-- transaction; on H2 the trigger is the class org.roster.user.H2UserCountsTrigger.
ALTER TABLE user_counts ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE user_counts DROP CONSTRAINT user_counts_pk;
INSERT INTO user_counts (role, status, email_verified, n) SELECT role, status, TRUE, 0 FROM user_counts;
UPDATE user_counts c SET n = (SELECT COUNT(*) FROM users u
    WHERE u.role = c.role AND u.status = c.status AND u.email_verified = c.email_verified);
ALTER TABLE user_counts ADD CONSTRAINT user_counts_pk PRIMARY KEY (role, status, email_verified);

CREATE INDEX users_verified_created_at_idx ON users (email_verified, created_at, id);
