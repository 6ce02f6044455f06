package io.tollgate.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        ProblemType type;
        String detail;
        if (status == null) {
            type = ProblemType.NOT_FOUND; // the page itself, asked for directly
            detail = "Endpoint not found";
        } else if ((Integer) status == 501) {
            type = ProblemType.METHOD_NOT_ALLOWED; // a servlet without the method (PATCH on /health): the client's error
            detail = type.title();
        } else if (failure != null && Outages.isOutage(failure)) {
            type = ProblemType.UNAVAILABLE;
            detail = Outages.DETAIL;
            response.setHeader("Retry-After", Outages.RETRY_AFTER_SECONDS);
        } else if (failure != null || (Integer) status >= 500) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected failure outside the resources, incident " + incident, failure);
            type = (Integer) status == 503 ? ProblemType.UNAVAILABLE : ProblemType.INTERNAL;
            detail = type == ProblemType.UNAVAILABLE ? type.title() : "Unexpected error; incident " + incident;
        } else {
            type = ProblemType.forStatus((Integer) status);
            detail = type.title();
        }
        response.resetBuffer();
        response.setStatus(type.status());
        response.setContentType(Problem.MEDIA_TYPE.toString());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Problem.body(type, detail).toString());
    }
}
