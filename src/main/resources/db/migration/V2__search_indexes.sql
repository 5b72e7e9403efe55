-- Prefix search on the admin list (LIKE 'abc%'). On PostgreSQL a b-tree index serves LIKE
-- prefixes only with the pattern operator class (unless the database collation is C);
-- ${pattern_ops} is set per database by RosterFlywayCustomizer (empty on H2).
CREATE INDEX users_username_prefix_idx ON users (username_key ${pattern_ops});
CREATE INDEX users_email_prefix_idx ON users (email ${pattern_ops});
CREATE INDEX user_profiles_full_name_prefix_idx ON user_profiles (full_name_key ${pattern_ops});
-- Sorting by username uses the plain ordering of the key.
CREATE INDEX users_username_sort_idx ON users (username_key, id);
