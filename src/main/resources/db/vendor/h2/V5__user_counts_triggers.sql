-- Keeps user_counts exact on H2 (the PostgreSQL variant is in db/vendor/postgresql).
CREATE TRIGGER users_counts AFTER INSERT, UPDATE, DELETE ON users FOR EACH ROW CALL 'org.roster.user.H2UserCountsTrigger';
