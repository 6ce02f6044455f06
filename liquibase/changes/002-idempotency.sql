--liquibase formatted sql logicalFilePath:tollgate/002-idempotency.sql

--changeset tollgate:002-idempotency-record
--comment: The first answer to a request carrying an Idempotency-Key, replayed to its retries.
CREATE TABLE idempotency_record (
    scope           varchar(300) NOT NULL,
    idempotency_key varchar(255) NOT NULL,
    fingerprint     char(64)     NOT NULL,
    response_status integer,
    response_body   text,
    created_at      timestamptz  NOT NULL,
    expires_at      timestamptz  NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_record_expiry_idx ON idempotency_record (expires_at);
--rollback DROP TABLE idempotency_record;
