-- The admin list filters by verified address (verified=true|false) and still reads its total
-- from user_counts instead of counting a million rows: the counters gain email_verified, and
-- the default order (newest first) gets an index that starts with it. One transaction: the
-- lock keeps other nodes from changing users while the counters are recounted, and they
-- resume with the new trigger function (net changes per role, status and email_verified).
LOCK TABLE users IN SHARE MODE;

ALTER TABLE user_counts ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE user_counts DROP CONSTRAINT user_counts_pk;
INSERT INTO user_counts (role, status, email_verified, n) SELECT role, status, TRUE, 0 FROM user_counts;
UPDATE user_counts c SET n = (SELECT COUNT(*) FROM users u
    WHERE u.role = c.role AND u.status = c.status AND u.email_verified = c.email_verified);
ALTER TABLE user_counts ADD CONSTRAINT user_counts_pk PRIMARY KEY (role, status, email_verified);

CREATE OR REPLACE FUNCTION user_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE user_counts c SET n = c.n + d.k
        FROM (SELECT role, status, email_verified, COUNT(*) AS k FROM new_rows
              GROUP BY role, status, email_verified) d
        WHERE c.role = d.role AND c.status = d.status AND c.email_verified = d.email_verified;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE user_counts c SET n = c.n - d.k
        FROM (SELECT role, status, email_verified, COUNT(*) AS k FROM old_rows
              GROUP BY role, status, email_verified) d
        WHERE c.role = d.role AND c.status = d.status AND c.email_verified = d.email_verified;
    ELSE
        UPDATE user_counts c SET n = c.n + d.k
        FROM (SELECT role, status, email_verified, SUM(k) AS k
              FROM (SELECT role, status, email_verified, 1 AS k FROM new_rows
                    UNION ALL SELECT role, status, email_verified, -1 FROM old_rows) changes
              GROUP BY role, status, email_verified HAVING SUM(k) <> 0) d
        WHERE c.role = d.role AND c.status = d.status AND c.email_verified = d.email_verified;
    END IF;
    RETURN NULL;
END
$$;

CREATE INDEX users_verified_created_at_idx ON users (email_verified, created_at, id);
