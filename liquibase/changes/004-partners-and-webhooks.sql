--liquibase formatted sql logicalFilePath:tollgate/004-partners-and-webhooks.sql

--changeset tollgate:004-partner-key
--comment: Partner API keys. Only SHA-256 hashes of the secrets are stored; a rotated key's old hash works until previous_valid_until.
CREATE TABLE partner_key (
    id                   varchar(32)    PRIMARY KEY,
    description          varchar(500),
    status               varchar(16)    NOT NULL CHECK (status IN ('active', 'revoked')),
    scopes               varchar(200)   NOT NULL,
    secret_hash          char(64)       NOT NULL UNIQUE,
    previous_secret_hash char(64),
    previous_valid_until timestamptz,
    max_amount_per_call  numeric(38,18) CHECK (max_amount_per_call > 0),
    max_amount_per_day   numeric(38,18) CHECK (max_amount_per_day > 0),
    day_total            numeric(38,18) NOT NULL DEFAULT 0,
    day_of_total         date,
    created_at           timestamptz    NOT NULL,
    rotated_at           timestamptz,
    revoked_at           timestamptz,
    last_used_at         timestamptz
);
--rollback DROP TABLE partner_key;

--changeset tollgate:004-payment-event
--comment: Every payment event credited, kept forever: an eventId is credited exactly once.
CREATE TABLE payment_event (
    event_id        varchar(200)   PRIMARY KEY,
    account_id      varchar(128)   NOT NULL,
    fingerprint     char(64)       NOT NULL,
    amount_paid     numeric(38,18) NOT NULL,
    currency        varchar(8)     NOT NULL,
    ledger_entry_id bigint         UNIQUE REFERENCES ledger_entry (id),
    response_body   text,
    received_at     timestamptz    NOT NULL
);
--rollback DROP TABLE payment_event;
