package io.tollgate.problem;

import io.tollgate.persistence.Outages;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container's error page ({@code WEB-INF/web.xml}): whatever fails outside JAX-RS — the authentication
 * mechanism, a filter, the servlet container itself (an unknown method, a malformed URL) — leaves as the same
 * {@code application/problem+json} the resources answer, never the server's HTML page, a class name or a trace.
 */
@WebServlet(ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    static final String PATH = "/_problem";
    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Problem.write(response, problemFor((Integer) request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE),
                (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION)));
    }

    private static ProblemException problemFor(Integer status, Throwable failure) {
        if (status == null) {
            return ProblemException.notFound("Endpoint not found"); // the page itself, asked for directly
        }
        if (status == 501) { // a servlet without the method (PATCH on /health): the client's error
            return new ProblemException(ProblemType.METHOD_NOT_ALLOWED, ProblemType.METHOD_NOT_ALLOWED.title());
        }
        if (failure != null && Outages.isOutage(failure)) {
            return ProblemException.outage();
        }
        if (failure != null || status >= 500) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected failure outside the resources, incident " + incident, failure);
            return status == 503 ? new ProblemException(ProblemType.UNAVAILABLE, ProblemType.UNAVAILABLE.title())
                    : new ProblemException(ProblemType.INTERNAL, "Unexpected error; incident " + incident);
        }
        ProblemType type = ProblemType.forStatus(status);
        return new ProblemException(type, type.title());
    }
}
