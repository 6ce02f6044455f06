package io.tollgate.observability;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The outermost layer of every request: gives it an id ({@code X-Request-Id}: the caller's if sane, else a new
 * one), answers the id on every response, keeps it for the request's thread ({@link RequestId}), and times the
 * request per endpoint and status. The error dispatch reuses the request's id, so a problem rendered by the
 * container's error page names the same id as the header; a request is timed once.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true, dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class RequestTracking extends HttpFilter {

    private static final String ID = RequestId.class.getName();

    @Inject
    Metrics metrics;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean first = !(request.getAttribute(ID) instanceof String);
        String id = first ? RequestId.acceptOrCreate(request.getHeader(RequestId.HEADER))
                : (String) request.getAttribute(ID);
        request.setAttribute(ID, id);
        response.setHeader(RequestId.HEADER, id);
        long start = System.nanoTime();
        int status = 500; // unless the chain returns: an exception left for the container's error page
        try (RequestId.Scope ignored = RequestId.enter(id)) {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            if (first) {
                metrics.request(EndpointTemplate.of(request), request.getMethod(), status, System.nanoTime() - start);
            }
        }
    }
}
