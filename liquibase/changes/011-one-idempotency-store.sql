--liquibase formatted sql logicalFilePath:tollgate/011-one-idempotency-store.sql

--changeset tollgate:011-payment-events-in-the-idempotency-store
--comment: One at-most-once store for every command: a payment event's id becomes its idempotency key (scope
--comment: payment-event), kept forever (no expiry), with the fingerprint and first answer it had; payment_event keeps
--comment: what was paid and the ledger entry that credited it.
ALTER TABLE idempotency_record ALTER COLUMN expires_at DROP NOT NULL;
INSERT INTO idempotency_record (scope, idempotency_key, fingerprint, response_status, response_body, created_at,
                                expires_at)
SELECT 'payment-event', event_id, fingerprint, 200, response_body, received_at, NULL FROM payment_event;
ALTER TABLE payment_event DROP COLUMN fingerprint, DROP COLUMN response_body;
--rollback ALTER TABLE payment_event ADD COLUMN fingerprint char(64), ADD COLUMN response_body text;
--rollback UPDATE payment_event p SET fingerprint = r.fingerprint, response_body = r.response_body FROM idempotency_record r WHERE r.scope = 'payment-event' AND r.idempotency_key = p.event_id;
--rollback ALTER TABLE payment_event ALTER COLUMN fingerprint SET NOT NULL;
--rollback DELETE FROM idempotency_record WHERE scope = 'payment-event';
--rollback ALTER TABLE idempotency_record ALTER COLUMN expires_at SET NOT NULL;
