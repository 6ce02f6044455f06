--liquibase formatted sql logicalFilePath:tollgate/010-scheduled-jobs.sql

--changeset tollgate:010-scheduled-job
--comment: Every instance schedules the cluster-wide jobs (reconciliation, ledger audit, idempotency purge); the first
--comment: instance to claim a cycle of a job runs it, the others skip it: once per cycle for the whole cluster.
CREATE TABLE scheduled_job (
    job        varchar(64)  PRIMARY KEY,
    last_cycle timestamptz  NOT NULL,
    instance   varchar(255) NOT NULL,
    claimed_at timestamptz  NOT NULL
);
