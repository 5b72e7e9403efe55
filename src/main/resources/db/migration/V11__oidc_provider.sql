-- Roster as an OpenID Connect provider (Spring Authorization Server's JDBC services).
-- Written once for H2 and PostgreSQL: TEXT where Spring's reference schema has BLOB, and
-- time zones on every timestamp. Token values are stored as their SHA-256 only
-- (oidc.HashedAuthorizations), never as issued.

-- The stable, opaque subject (sub) of a user for every application: never the username.
-- The default serves rows written by SQL (imports, the benchmark's seed); Roster sets it.
ALTER TABLE users ADD COLUMN public_id VARCHAR(36) DEFAULT ${random_uuid} NOT NULL;
ALTER TABLE users ADD CONSTRAINT users_public_id_uq UNIQUE (public_id);

CREATE TABLE oauth2_registered_client (
    id                            VARCHAR(100)  NOT NULL PRIMARY KEY,
    client_id                     VARCHAR(100)  NOT NULL,
    client_id_issued_at           TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret                 VARCHAR(200),
    client_secret_expires_at      TIMESTAMP WITH TIME ZONE,
    client_name                   VARCHAR(200)  NOT NULL,
    client_authentication_methods VARCHAR(1000) NOT NULL,
    authorization_grant_types     VARCHAR(1000) NOT NULL,
    redirect_uris                 VARCHAR(1000),
    post_logout_redirect_uris     VARCHAR(1000),
    scopes                        VARCHAR(1000) NOT NULL,
    client_settings               VARCHAR(2000) NOT NULL,
    token_settings                VARCHAR(2000) NOT NULL,
    CONSTRAINT oauth2_registered_client_client_id_uq UNIQUE (client_id)
);

CREATE TABLE oauth2_authorization (
    id                            VARCHAR(100)  NOT NULL PRIMARY KEY,
    registered_client_id          VARCHAR(100)  NOT NULL,
    principal_name                VARCHAR(200)  NOT NULL,
    authorization_grant_type      VARCHAR(100)  NOT NULL,
    authorized_scopes             VARCHAR(1000),
    attributes                    TEXT,
    state                         VARCHAR(500),
    authorization_code_value      TEXT,
    authorization_code_issued_at  TIMESTAMP WITH TIME ZONE,
    authorization_code_expires_at TIMESTAMP WITH TIME ZONE,
    authorization_code_metadata   TEXT,
    access_token_value            TEXT,
    access_token_issued_at        TIMESTAMP WITH TIME ZONE,
    access_token_expires_at       TIMESTAMP WITH TIME ZONE,
    access_token_metadata         TEXT,
    access_token_type             VARCHAR(100),
    access_token_scopes           VARCHAR(1000),
    oidc_id_token_value           TEXT,
    oidc_id_token_issued_at       TIMESTAMP WITH TIME ZONE,
    oidc_id_token_expires_at      TIMESTAMP WITH TIME ZONE,
    oidc_id_token_metadata        TEXT,
    refresh_token_value           TEXT,
    refresh_token_issued_at       TIMESTAMP WITH TIME ZONE,
    refresh_token_expires_at      TIMESTAMP WITH TIME ZONE,
    refresh_token_metadata        TEXT,
    user_code_value               TEXT,
    user_code_issued_at           TIMESTAMP WITH TIME ZONE,
    user_code_expires_at          TIMESTAMP WITH TIME ZONE,
    user_code_metadata            TEXT,
    device_code_value             TEXT,
    device_code_issued_at         TIMESTAMP WITH TIME ZONE,
    device_code_expires_at        TIMESTAMP WITH TIME ZONE,
    device_code_metadata          TEXT
);
CREATE INDEX oauth2_authorization_principal_idx ON oauth2_authorization (principal_name);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id          VARCHAR(100)  NOT NULL,
    principal_name                VARCHAR(200)  NOT NULL,
    authorities                   VARCHAR(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);

-- Signing keys (RS256): made at the first start, shared by every node, so all sign and
-- publish the same keys and a restart invalidates nothing. A key is published from its
-- creation until retired_at, and signs from activates_at (the newest active one signs):
-- ./manage keys rotate adds one that activates after a grace period and retires the old
-- one after the longest lifetime of a signed token.
CREATE TABLE oidc_signing_keys (
    kid                           VARCHAR(64)   NOT NULL PRIMARY KEY,
    private_key                   TEXT          NOT NULL,
    public_key                    TEXT          NOT NULL,
    created_at                    TIMESTAMP WITH TIME ZONE NOT NULL,
    activates_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at                    TIMESTAMP WITH TIME ZONE
);

-- Refresh tokens replaced by rotation (their SHA-256): presenting one again means it was
-- stolen or copied, and ends the whole grant. Kept until the grant ends.
CREATE TABLE oidc_spent_refresh_tokens (
    token_hash                    VARCHAR(100)  NOT NULL PRIMARY KEY,
    authorization_id              VARCHAR(100)  NOT NULL,
    spent_at                      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX oidc_spent_refresh_tokens_authorization_idx ON oidc_spent_refresh_tokens (authorization_id);

-- A disabled application is unknown to the protocol (no sign-in, no token, no refresh)
-- until an admin enables it again; Spring's repository does not read this column.
ALTER TABLE oauth2_registered_client ADD COLUMN disabled_at TIMESTAMP WITH TIME ZONE;
