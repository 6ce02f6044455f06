--liquibase formatted sql logicalFilePath:tollgate/005-llm-keys.sql

--changeset tollgate:005-llm-key
--comment: Per-user OpenRouter keys. The key itself is sealed (AES-256-GCM); its SHA-256 serves look-ups.
CREATE TABLE llm_key (
    id                       varchar(64)    PRIMARY KEY,
    account_id               varchar(128)   NOT NULL REFERENCES account (user_id),
    openrouter_hash          varchar(128)   NOT NULL UNIQUE,
    name                     varchar(200)   NOT NULL UNIQUE,
    label                    varchar(64),
    key_sealed               text,
    master_key_id            varchar(64),
    key_sha256               char(64)       UNIQUE,
    state                    varchar(16)    NOT NULL CHECK (state IN ('live', 'retiring', 'deleted')),
    limit_usd                numeric(38,18) NOT NULL CHECK (limit_usd > 0),
    charged_usage_usd        numeric(38,18) NOT NULL DEFAULT 0,
    unpaid_credits           numeric(38,18) NOT NULL DEFAULT 0 CHECK (unpaid_credits >= 0),
    observed_usage_usd       numeric(38,18) NOT NULL DEFAULT 0,
    observed_limit_remaining numeric(38,18),
    observed_at              timestamptz,
    expires_at               timestamptz,
    created_at               timestamptz    NOT NULL,
    retired_at               timestamptz,
    deleted_at               timestamptz,
    -- A key found orphaned at OpenRouter is adopted without its secret (OpenRouter shows it only once); it is
    -- never live again.
    CHECK (state <> 'live' OR key_sealed IS NOT NULL)
);
-- One live key per user, whatever concurrent calls try.
CREATE UNIQUE INDEX llm_key_one_live_per_account ON llm_key (account_id) WHERE state = 'live';
CREATE INDEX llm_key_state_idx ON llm_key (state, retired_at);
--rollback DROP TABLE llm_key;
