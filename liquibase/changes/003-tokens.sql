--liquibase formatted sql logicalFilePath:tollgate/003-tokens.sql

--changeset tollgate:003-signing-key
--comment: Keys that sign vended access tokens. Private halves are sealed with the master key (AES-256-GCM).
CREATE TABLE signing_key (
    kid                varchar(64)  PRIMARY KEY,
    algorithm          varchar(8)   NOT NULL CHECK (algorithm IN ('ES256', 'RS256')),
    public_jwk         text         NOT NULL,
    private_key_sealed text         NOT NULL,
    master_key_id      varchar(64)  NOT NULL,
    status             varchar(16)  NOT NULL CHECK (status IN ('active', 'retired')),
    created_at         timestamptz  NOT NULL,
    retired_at         timestamptz,
    published_until    timestamptz,
    CHECK ((status = 'active') = (retired_at IS NULL))
);
-- At most one signer at a time, whatever several instances starting together try.
CREATE UNIQUE INDEX signing_key_one_active ON signing_key (status) WHERE status = 'active';
--rollback DROP TABLE signing_key;

--changeset tollgate:003-issued-token
--comment: Every vended token, tied to the spend entry that paid for it; revocation is recorded here.
CREATE TABLE issued_token (
    jti             varchar(64)  PRIMARY KEY,
    account_id      varchar(128) NOT NULL REFERENCES account (user_id),
    scope           varchar(64)  NOT NULL,
    kid             varchar(64)  NOT NULL,
    ledger_entry_id bigint       NOT NULL UNIQUE REFERENCES ledger_entry (id),
    issued_at       timestamptz  NOT NULL,
    expires_at      timestamptz  NOT NULL,
    revoked_at      timestamptz,
    revoked_by      varchar(256)
);
CREATE INDEX issued_token_account_idx ON issued_token (account_id, issued_at DESC);
--rollback DROP TABLE issued_token;
