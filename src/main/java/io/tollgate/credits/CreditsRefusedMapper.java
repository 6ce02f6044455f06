package io.tollgate.credits;

import io.tollgate.problem.Problem;
import io.tollgate.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The one place where the credits component's refusals become problem answers. */
@Provider
public class CreditsRefusedMapper implements ExceptionMapper<CreditsRefused> {

    @Override
    public Response toResponse(CreditsRefused refused) {
        return Problem.response(typeOf(refused), refused.getMessage());
    }

    static ProblemType typeOf(CreditsRefused refused) {
        if (refused instanceof CreditsRefused.InsufficientCredits) {
            return ProblemType.INSUFFICIENT_CREDITS;
        } else if (refused instanceof CreditsRefused.DebtOutstanding) {
            return ProblemType.DEBT_OUTSTANDING;
        } else if (refused instanceof CreditsRefused.AccountBlocked) {
            return ProblemType.ACCOUNT_BLOCKED;
        } else if (refused instanceof CreditsRefused.UnknownAccount) {
            return ProblemType.NOT_FOUND;
        } else if (refused instanceof CreditsRefused.AccountExists) {
            return ProblemType.CONFLICT;
        }
        return ProblemType.UNPROCESSABLE;
    }
}
