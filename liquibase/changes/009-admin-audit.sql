--liquibase formatted sql logicalFilePath:tollgate/009-admin-audit.sql

--changeset tollgate:009-admin-action
--comment: The audit trail: every action an admin took, through the console or the REST API, written in the same
--comment: transaction as the action itself.
CREATE TABLE admin_action (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at    timestamptz  NOT NULL,
    admin          varchar(255) NOT NULL,
    action         varchar(64)  NOT NULL,
    user_id        varchar(128),
    target         varchar(255),
    detail         varchar(500),
    reason         varchar(500),
    channel        varchar(16)  NOT NULL CHECK (channel IN ('console', 'api')),
    remote_address varchar(64),
    request_id     varchar(64)
);
CREATE INDEX admin_action_by_user ON admin_action (user_id, id);
CREATE INDEX admin_action_by_admin ON admin_action (admin, id);
--rollback DROP TABLE admin_action;

--changeset tollgate:009-admin-action-append-only splitStatements:false
--comment: Like the ledger, the trail cannot be rewritten.
CREATE TRIGGER admin_action_no_update_or_delete BEFORE UPDATE OR DELETE ON admin_action
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_refuse_change();
CREATE TRIGGER admin_action_no_truncate BEFORE TRUNCATE ON admin_action
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_refuse_change();
--rollback DROP TRIGGER admin_action_no_truncate ON admin_action; DROP TRIGGER admin_action_no_update_or_delete ON admin_action;

--changeset tollgate:009-ledger-entry-by-time
--comment: The console's overview sums entries per day. A BRIN index fits an append-only table written in time
--comment: order, and costs inserts almost nothing.
CREATE INDEX ledger_entry_created_at_brin ON ledger_entry USING brin (created_at);
--rollback DROP INDEX ledger_entry_created_at_brin;
