-- Every token request finds its grant by a token's value (the code at the exchange, the
-- refresh token, the access token at userinfo and introspection, the ID token at logout,
-- the state at consent): without indexes each one read the whole table. The values are
-- SHA-256 hashes (71 characters, oidc.HashedAuthorizations), so they fit a VARCHAR, which
-- both databases index (H2 cannot index TEXT).
ALTER TABLE oauth2_authorization ALTER COLUMN authorization_code_value SET DATA TYPE VARCHAR(100);
ALTER TABLE oauth2_authorization ALTER COLUMN access_token_value SET DATA TYPE VARCHAR(100);
ALTER TABLE oauth2_authorization ALTER COLUMN oidc_id_token_value SET DATA TYPE VARCHAR(100);
ALTER TABLE oauth2_authorization ALTER COLUMN refresh_token_value SET DATA TYPE VARCHAR(100);

CREATE INDEX oauth2_authorization_state_idx ON oauth2_authorization (state);
CREATE INDEX oauth2_authorization_code_idx ON oauth2_authorization (authorization_code_value);
CREATE INDEX oauth2_authorization_access_token_idx ON oauth2_authorization (access_token_value);
CREATE INDEX oauth2_authorization_id_token_idx ON oauth2_authorization (oidc_id_token_value);
CREATE INDEX oauth2_authorization_refresh_token_idx ON oauth2_authorization (refresh_token_value);
CREATE INDEX oauth2_authorization_client_idx ON oauth2_authorization (registered_client_id);
