-- Adds :n events to the activity log, spread evenly over the 180 days before the last hour,
-- about the users 1 001 to 1 000 + :users (seeded by seed.sql): 70 % sign-ins, 15 % failed
-- sign-ins (from 50 000 addresses), 10 % profile changes, 5 % admin status changes. The
-- dashboard's daily figures get the same events added up, as the roll-up job would have
-- done over those days (only events before its position, so nothing is counted twice).
-- Run by bench/run.sh as
--   psql -v n=10000000 -v users=1000000 -f bench/seed-events.sql
\set ON_ERROR_STOP on

BEGIN;

INSERT INTO audit_events (occurred_at, actor_id, actor_name, action, target_id, target_name, client_address,
                          user_agent, outcome, details)
SELECT now() - interval '1 hour' - ((:n - s.g) * (15552000.0 / :n)) * interval '1 second',
       CASE WHEN s.k < 70 OR (s.k >= 85 AND s.k < 95) THEN u.id WHEN s.k >= 95 THEN 1 END,
       CASE WHEN s.k < 70 OR (s.k >= 85 AND s.k < 95) THEN u.username WHEN s.k >= 95 THEN 'benchadmin'
            ELSE 'anonymous' END,
       CASE WHEN s.k < 85 THEN 'sign-in' WHEN s.k < 95 THEN 'profile-change' ELSE 'status-change' END,
       u.id, u.username,
       '10.' || (s.g % 50000) / 250 || '.' || (s.g % 50000) % 250 || '.' || (s.g % 3 + 1),
       'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36',
       CASE WHEN s.k >= 70 AND s.k < 85 THEN 'failure' ELSE 'success' END,
       CASE WHEN s.k < 70 THEN '{"method":"password"}' WHEN s.k < 85 THEN '{"reason":"wrong-password"}'
            WHEN s.k < 95 THEN '{"fields":["bio"]}' ELSE '{"from":"ACTIVE","to":"SUSPENDED"}' END
FROM (SELECT g, (g * 37) % 100 AS k, 1001 + (g * 7919) % :users AS uid FROM generate_series(1, :n::bigint) AS g) s
JOIN users u ON u.id = s.uid;

INSERT INTO audit_daily (event_day, action, outcome, n)
SELECT (occurred_at AT TIME ZONE 'UTC')::date, action, outcome, count(*)
FROM audit_events
WHERE occurred_at < (SELECT position FROM audit_jobs WHERE name = 'rollup')
GROUP BY 1, 2, 3
ON CONFLICT (event_day, action, outcome) DO UPDATE SET n = audit_daily.n + EXCLUDED.n;

INSERT INTO audit_daily_failures (event_day, client_address, n)
SELECT (occurred_at AT TIME ZONE 'UTC')::date, client_address, count(*)
FROM audit_events
WHERE action = 'sign-in' AND outcome = 'failure' AND client_address IS NOT NULL
  AND occurred_at < (SELECT position FROM audit_jobs WHERE name = 'rollup')
GROUP BY 1, 2
ON CONFLICT (event_day, client_address) DO UPDATE SET n = audit_daily_failures.n + EXCLUDED.n;

COMMIT;
