-- Adds the users numbered :lo to :hi (inclusive) with their profiles, all sharing the
-- password hash :'hash' (computed once by the application, so every seeded user can log
-- in). Run by bench/run.sh as
--   psql -v lo=1 -v hi=10000 -v hash='{argon2}...' -f bench/seed.sql
-- Seeding in slices (10 000, then up to 100 000, then up to 1 000 000) lets the list be
-- measured at each size without reseeding. User n gets id 1 000 + n, clear of the ids the
-- application hands out (the admin created through ./manage is id 1); the identity is
-- moved past the seeded ids at the end so later registrations do not collide.
\set ON_ERROR_STOP on

-- 64 first names x 64 last names: a (first, last) pair repeats every 4 096 users, so the
-- search "olivia.ga" (one pair) matches n/4 096 users and "olivia" n/64, at any size.
CREATE TEMP TABLE bench_names AS
SELECT ARRAY['James','Mary','Robert','Patricia','John','Jennifer','Michael','Linda','David','Elizabeth',
             'William','Barbara','Richard','Susan','Joseph','Jessica','Thomas','Sarah','Charles','Karen',
             'Daniel','Lisa','Matthew','Nancy','Anthony','Betty','Mark','Sandra','Donald','Margaret',
             'Steven','Ashley','Paul','Emily','Andrew','Donna','Joshua','Michelle','Kenneth','Carol',
             'Kevin','Amanda','Brian','Melissa','George','Deborah','Timothy','Stephanie','Olivia','Emma',
             'Noah','Liam','Sofia','Mateo','Amelia','Lucas','Chloe','Hugo','Ines','Yuki',
             'Aisha','Omar','Priya','Wei'] AS firsts,
       ARRAY['Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis','Rodriguez','Martinez',
             'Hernandez','Lopez','Gonzalez','Wilson','Anderson','Thomas','Taylor','Moore','Jackson','Martin',
             'Lee','Perez','Thompson','White','Harris','Sanchez','Clark','Ramirez','Lewis','Robinson',
             'Walker','Young','Allen','King','Wright','Scott','Torres','Nguyen','Hill','Flores',
             'Green','Adams','Nelson','Baker','Hall','Rivera','Campbell','Mitchell','Carter','Roberts',
             'Muller','Schmidt','Dubois','Rossi','Tanaka','Kowalski','Novak','Silva','Costa','Jensen',
             'Larsen','Murphy','Kelly','Okafor'] AS lasts,
       ARRAY['example.com','example.org','example.net','mail.example','corp.example','uni.example',
             'shop.example','dev.example'] AS domains;

BEGIN;

CREATE TEMP TABLE bench_slice ON COMMIT DROP AS
SELECT n,
       b.firsts[1 + n % 64] AS first_name,
       b.lasts[1 + (n / 64) % 64] AS last_name,
       b.domains[1 + (n / 7) % 8] AS domain
FROM generate_series(:lo::bigint, :hi::bigint) AS n, bench_names b;

INSERT INTO users (id, username, username_key, email, password_hash, role, status, failed_logins,
                   last_login_at, created_at, updated_at, version)
SELECT 1000 + n,
       lower(first_name) || '.' || lower(last_name) || n,
       lower(first_name) || '.' || lower(last_name) || n,
       lower(first_name) || '.' || lower(last_name) || n || '@' || domain,
       :'hash',
       CASE WHEN n % 5000 = 0 THEN 'ADMIN' ELSE 'USER' END,
       -- About 3 % suspended; the login benchmark picks active users only.
       CASE WHEN n % 37 = 0 THEN 'SUSPENDED' ELSE 'ACTIVE' END,
       0,
       -- Seven users in ten have signed in at some point after registering.
       CASE WHEN n % 10 < 7 THEN timestamptz '2026-06-01 00:00Z' - (2000000 - n) * interval '1 second'
                                 + (n % 1440) * interval '1 minute' END,
       -- One a second, later users newer: the default sort (created_at desc) starts with
       -- the last ones seeded.
       timestamptz '2026-06-01 00:00Z' - (2000000 - n) * interval '1 second',
       timestamptz '2026-06-01 00:00Z',
       0
FROM bench_slice;

INSERT INTO user_profiles (user_id, full_name, full_name_key, bio, address, zipcode, phone, email, website,
                           image, updated_at)
SELECT 1000 + n,
       first_name || ' ' || last_name,
       lower(first_name || ' ' || last_name),
       'Works on team ' || (n % 97) || '. Likes hiking, chess and good coffee.',
       (n % 900 + 1) || ' Main Street, Springfield',
       lpad((n % 99999)::text, 5, '0'),
       '+4420' || lpad((n % 100000000)::text, 8, '0'),
       lower(first_name) || '.' || lower(last_name) || n || '@' || domain,
       CASE WHEN n % 4 = 0 THEN 'https://' || domain || '/~' || lower(first_name) || n ELSE '' END,
       NULL,
       timestamptz '2026-06-01 00:00Z'
FROM bench_slice;

SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users));

COMMIT;
