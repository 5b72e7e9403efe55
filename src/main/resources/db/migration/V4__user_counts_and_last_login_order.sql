-- The admin list shows "never signed in" users last in both directions; a descending scan of
-- an ascending index would put them first, so descending order gets its own index.
CREATE INDEX users_last_login_at_desc_idx ON users (last_login_at DESC NULLS LAST, id DESC);

-- Number of users per role and status, kept exact by the triggers of the next migration
-- (one per database, under db/vendor). The admin list reads its total here instead of
-- counting every row, so the cost of a page does not grow with the number of users.
CREATE TABLE user_counts (
    role    VARCHAR(16) NOT NULL,
    status  VARCHAR(16) NOT NULL,
    n       BIGINT      NOT NULL,
    CONSTRAINT user_counts_pk PRIMARY KEY (role, status),
    CONSTRAINT user_counts_n_chk CHECK (n >= 0)
);

INSERT INTO user_counts (role, status, n)
SELECT r.role, s.status, (SELECT COUNT(*) FROM users u WHERE u.role = r.role AND u.status = s.status)
FROM (SELECT 'ADMIN' AS role UNION ALL SELECT 'USER') r
CROSS JOIN (SELECT 'ACTIVE' AS status UNION ALL SELECT 'SUSPENDED') s;
