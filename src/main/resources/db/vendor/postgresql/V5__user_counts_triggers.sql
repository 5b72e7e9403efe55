-- Keeps user_counts exact. Statement-level triggers with transition tables, so a bulk
-- insert or delete updates each counter once. Only net changes are written: an update
-- that leaves role and status alone (a login, a failed attempt) touches no counter row,
-- so logins never queue behind each other on the counters' row locks.
CREATE FUNCTION user_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE user_counts c SET n = c.n + d.k
        FROM (SELECT role, status, COUNT(*) AS k FROM new_rows GROUP BY role, status) d
        WHERE c.role = d.role AND c.status = d.status;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE user_counts c SET n = c.n - d.k
        FROM (SELECT role, status, COUNT(*) AS k FROM old_rows GROUP BY role, status) d
        WHERE c.role = d.role AND c.status = d.status;
    ELSE
        UPDATE user_counts c SET n = c.n + d.k
        FROM (SELECT role, status, SUM(k) AS k
              FROM (SELECT role, status, 1 AS k FROM new_rows
                    UNION ALL SELECT role, status, -1 FROM old_rows) changes
              GROUP BY role, status HAVING SUM(k) <> 0) d
        WHERE c.role = d.role AND c.status = d.status;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER users_counts_insert AFTER INSERT ON users
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION user_counts_apply();
CREATE TRIGGER users_counts_update AFTER UPDATE ON users
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION user_counts_apply();
CREATE TRIGGER users_counts_delete AFTER DELETE ON users
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION user_counts_apply();
