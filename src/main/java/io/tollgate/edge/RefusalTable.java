package io.tollgate.edge;

import static io.tollgate.problem.ProblemType.ACCOUNT_BLOCKED;
import static io.tollgate.problem.ProblemType.CONFLICT;
import static io.tollgate.problem.ProblemType.DEBT_OUTSTANDING;
import static io.tollgate.problem.ProblemType.FORBIDDEN;
import static io.tollgate.problem.ProblemType.IDEMPOTENCY_KEY_REUSED;
import static io.tollgate.problem.ProblemType.INSUFFICIENT_CREDITS;
import static io.tollgate.problem.ProblemType.INVALID_REQUEST;
import static io.tollgate.problem.ProblemType.MALFORMED_JSON;
import static io.tollgate.problem.ProblemType.NOT_FOUND;
import static io.tollgate.problem.ProblemType.PARTNER_CALL_LIMIT;
import static io.tollgate.problem.ProblemType.PARTNER_DAILY_LIMIT;
import static io.tollgate.problem.ProblemType.UNAUTHENTICATED;
import static io.tollgate.problem.ProblemType.UNAVAILABLE;
import static io.tollgate.problem.ProblemType.UNPROCESSABLE;
import static java.util.Map.entry;

import io.tollgate.credits.CreditsRefused;
import io.tollgate.crypto.CryptoRefused;
import io.tollgate.idempotency.IdempotencyRefused;
import io.tollgate.llmkeys.LlmKeysRefused;
import io.tollgate.partners.PartnersRefused;
import io.tollgate.problem.ProblemException;
import io.tollgate.problem.ProblemType;
import io.tollgate.refusal.InvalidRequest;
import io.tollgate.refusal.Refused;
import io.tollgate.security.AccessRefused;
import io.tollgate.tokens.TokensRefused;
import io.tollgate.webhooks.WebhooksRefused;
import java.util.Map;
import java.util.Optional;

/**
 * The one table from a capability's refusal to the problem it is answered with: the reason decides the type (and
 * so the status), the refusal's own words are the detail, and a momentary refusal says when to retry. Every reason
 * of every capability has its row; a test fails when one is added without.
 */
public final class RefusalTable {

    static final Map<Enum<?>, ProblemType> TYPES = Map.ofEntries(
            entry(InvalidRequest.Reason.INVALID, INVALID_REQUEST),
            entry(InvalidRequest.Reason.MALFORMED_JSON, MALFORMED_JSON),

            entry(AccessRefused.Reason.UNAUTHENTICATED, UNAUTHENTICATED),
            entry(AccessRefused.Reason.INVALID_PARTNER_KEY, FORBIDDEN),
            entry(AccessRefused.Reason.MISSING_SCOPE, FORBIDDEN),
            entry(AccessRefused.Reason.ADMINS_ONLY, FORBIDDEN),
            entry(AccessRefused.Reason.ANOTHER_USERS_ACCOUNT, FORBIDDEN),

            entry(IdempotencyRefused.Reason.INVALID_KEY, INVALID_REQUEST),
            entry(IdempotencyRefused.Reason.KEY_REUSED, IDEMPOTENCY_KEY_REUSED),

            entry(CreditsRefused.Reason.INSUFFICIENT_CREDITS, INSUFFICIENT_CREDITS),
            entry(CreditsRefused.Reason.DEBT_OUTSTANDING, DEBT_OUTSTANDING),
            entry(CreditsRefused.Reason.ACCOUNT_BLOCKED, ACCOUNT_BLOCKED),
            entry(CreditsRefused.Reason.UNKNOWN_ACCOUNT, NOT_FOUND),
            entry(CreditsRefused.Reason.ACCOUNT_EXISTS, CONFLICT),
            entry(CreditsRefused.Reason.NOTHING_TO_WRITE_OFF, UNPROCESSABLE),
            entry(CreditsRefused.Reason.INVALID_AMOUNT, INVALID_REQUEST),
            entry(CreditsRefused.Reason.NOT_AUDITED_YET, NOT_FOUND),
            entry(CreditsRefused.Reason.AUDIT_RUNNING, CONFLICT),

            entry(PartnersRefused.Reason.INVALID_KEY, FORBIDDEN),
            entry(PartnersRefused.Reason.UNKNOWN_KEY, NOT_FOUND),
            entry(PartnersRefused.Reason.KEY_REVOKED, CONFLICT),
            entry(PartnersRefused.Reason.OVER_CALL_LIMIT, PARTNER_CALL_LIMIT),
            entry(PartnersRefused.Reason.OVER_DAILY_LIMIT, PARTNER_DAILY_LIMIT),

            entry(TokensRefused.Reason.UNKNOWN_TOKEN, NOT_FOUND),
            entry(TokensRefused.Reason.NOT_TOKEN_OWNER, FORBIDDEN),
            entry(TokensRefused.Reason.UNKNOWN_SCOPE, UNPROCESSABLE),
            entry(TokensRefused.Reason.SIGNING_KEY_CONFIGURED, CONFLICT),
            entry(TokensRefused.Reason.SIGNING_NOT_CONFIGURED, UNAVAILABLE),

            entry(LlmKeysRefused.Reason.NOT_OFFERED, NOT_FOUND),
            entry(LlmKeysRefused.Reason.NOT_CONFIGURED, UNAVAILABLE),
            entry(LlmKeysRefused.Reason.OPENROUTER_UNAVAILABLE, UNAVAILABLE),

            entry(WebhooksRefused.Reason.DISABLED, UNAUTHENTICATED),
            entry(WebhooksRefused.Reason.NOT_AUTHENTIC, UNAUTHENTICATED),
            entry(WebhooksRefused.Reason.UNKNOWN_CURRENCY, UNPROCESSABLE),
            entry(WebhooksRefused.Reason.EVENT_ID_REUSED, CONFLICT),

            entry(CryptoRefused.Reason.MASTER_KEY_MISSING, UNAVAILABLE));

    private RefusalTable() {
    }

    /** The problem a refusal is answered with; a reason without a row is a bug, answered as one. */
    public static ProblemException problemFor(Refused refused) {
        ProblemType type = Optional.ofNullable(TYPES.get(refused.reason())).orElseThrow(() -> new IllegalStateException(
                "No answer is defined for the refusal " + refused.reason().getDeclaringClass().getName() + "."
                        + refused.reason().name()));
        return new ProblemException(type, refused.detail(), refused.retryAfter()
                .map(wait -> Map.of("Retry-After", Long.toString(wait.toSeconds())))
                .orElse(Map.of()));
    }
}
