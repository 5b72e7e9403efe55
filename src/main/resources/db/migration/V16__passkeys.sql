-- Passkeys: the tables of Spring Security's JdbcPublicKeyCredentialUserEntityRepository and
-- JdbcUserCredentialRepository, as its schema files have them (BYTEA for the blobs, which H2
-- and PostgreSQL both take). A user entity's name is the Roster username, by a foreign key:
-- a user's deletion (by any path) takes the entity and its passkeys with it, so a later
-- account of the same name never inherits them. usernames are unique already (their
-- lower-case key is); the key needs the constraint on the column itself.
-- Written once for H2 and PostgreSQL.
ALTER TABLE users ADD CONSTRAINT users_username_uq UNIQUE (username);

CREATE TABLE user_entities (
    id              VARCHAR(1000) NOT NULL PRIMARY KEY,
    name            VARCHAR(32)   NOT NULL,
    display_name    VARCHAR(200),
    CONSTRAINT user_entities_name_uq UNIQUE (name),
    CONSTRAINT user_entities_user_fk FOREIGN KEY (name) REFERENCES users (username)
        ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE user_credentials (
    credential_id                VARCHAR(1000) NOT NULL PRIMARY KEY,
    user_entity_user_id          VARCHAR(1000) NOT NULL,
    public_key                   BYTEA         NOT NULL,
    signature_count              BIGINT,
    uv_initialized               BOOLEAN,
    backup_eligible              BOOLEAN       NOT NULL,
    authenticator_transports     VARCHAR(1000),
    public_key_credential_type   VARCHAR(100),
    backup_state                 BOOLEAN       NOT NULL,
    attestation_object           BYTEA,
    attestation_client_data_json BYTEA,
    created                      TIMESTAMP,
    last_used                    TIMESTAMP,
    label                        VARCHAR(1000) NOT NULL,
    CONSTRAINT user_credentials_entity_fk FOREIGN KEY (user_entity_user_id)
        REFERENCES user_entities (id) ON DELETE CASCADE
);
-- A user's list (and whether they have any).
CREATE INDEX user_credentials_entity_idx ON user_credentials (user_entity_user_id);
