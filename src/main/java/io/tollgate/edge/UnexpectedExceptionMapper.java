package io.tollgate.edge;

import io.tollgate.persistence.Outages;
import io.tollgate.problem.Problem;
import io.tollgate.problem.ProblemException;
import io.tollgate.problem.ProblemType;
import io.tollgate.refusal.Refused;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything that is not a {@link ProblemException} or a {@link Refused}, nor wraps one: errors of the JAX-RS runtime (unknown path, wrong method,
 * unreadable body) keep their status; anything else is a 500 whose details stay in the log under an incident
 * id, never in the answer.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return Problem.response(problem);
            }
            if (cause instanceof Refused refused) {
                return Problem.response(RefusalTable.problemFor(refused));
            }
            if (cause instanceof JsonException || cause instanceof JsonbException) {
                return Problem.response(ProblemType.MALFORMED_JSON, "The request body is not valid JSON");
            }
            if (cause instanceof NumberFormatException) {
                // The JSON-P reader refuses numbers whose exponent does not fit a BigDecimal.
                return Problem.response(ProblemType.INVALID_REQUEST, "A number in the request is out of range");
            }
        }
        if (exception instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return fromRuntime(web);
        }
        if (Outages.isOutage(exception)) {
            LOG.warning(() -> "Database unavailable: " + exception);
            return Problem.response(ProblemException.outage());
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, exception);
        return Problem.response(ProblemType.INTERNAL, "Unexpected error; incident " + incident);
    }

    private static Response fromRuntime(WebApplicationException web) {
        int status = web.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        if (web instanceof NotAllowedException) {
            String allow = web.getResponse().getHeaderString(HttpHeaders.ALLOW);
            return Problem.response(type, "Method not allowed", allow == null ? Map.of() : Map.of(HttpHeaders.ALLOW, allow));
        }
        String detail = switch (status) {
            case 404 -> "Endpoint not found";
            case 415 -> "Send the body as application/json";
            default -> type.title();
        };
        return Problem.response(type, detail);
    }
}
