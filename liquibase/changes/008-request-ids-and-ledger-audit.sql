--liquibase formatted sql logicalFilePath:tollgate/008-request-ids-and-ledger-audit.sql

--changeset tollgate:008-ledger-request-id
--comment: The X-Request-Id of the request (or the id of the scheduled job's run) that wrote each entry, so an entry
--comment: leads to its request's log lines. Older entries have none.
ALTER TABLE ledger_entry ADD COLUMN request_id varchar(64);
--rollback ALTER TABLE ledger_entry DROP COLUMN request_id;

--changeset tollgate:008-ledger-audit-run
--comment: Each run of the ledger audit: how many accounts it recomputed from their entries and how many disagreed.
CREATE TABLE ledger_audit_run (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id       varchar(64)  NOT NULL,
    started_at       timestamptz  NOT NULL,
    finished_at      timestamptz  NOT NULL,
    accounts_checked bigint       NOT NULL CHECK (accounts_checked >= 0),
    differences      bigint       NOT NULL CHECK (differences >= 0),
    examples         text         NOT NULL
);
--rollback DROP TABLE ledger_audit_run;
