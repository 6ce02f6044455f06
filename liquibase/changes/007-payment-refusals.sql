--liquibase formatted sql logicalFilePath:tollgate/007-payment-refusals.sql

--changeset tollgate:007-payment-refusal
--comment: A correctly signed payment that could not be credited (over the payment maximum, an unknown currency or
--comment: user): kept for admins, counted on every redelivery, removed once a redelivery is credited.
CREATE TABLE payment_refusal (
    event_id         varchar(200)   PRIMARY KEY,
    account_id       varchar(128)   NOT NULL,
    amount_paid      numeric(38,18) NOT NULL,
    currency         varchar(16)    NOT NULL,
    reason           varchar(500)   NOT NULL,
    attempts         integer        NOT NULL CHECK (attempts > 0),
    first_refused_at timestamptz    NOT NULL,
    last_refused_at  timestamptz    NOT NULL
);
--rollback DROP TABLE payment_refusal;
