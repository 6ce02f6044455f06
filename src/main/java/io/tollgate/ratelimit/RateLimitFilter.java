package io.tollgate.ratelimit;

import io.tollgate.observability.Metrics;
import io.tollgate.problem.ProblemException;
import io.tollgate.problem.ProblemType;
import io.tollgate.security.Caller;
import io.tollgate.security.Identity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.Optional;

/**
 * The one rate-limiting mechanism: methods marked {@link RateLimited} are limited per partner key, per user or
 * admin, and per client address when unauthenticated. Over the limit: 429 with {@code Retry-After}; every
 * answer of a limited endpoint carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset}.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String DECISION = RateLimitFilter.class.getName();

    @Context
    ResourceInfo resource;
    @Inject
    RateLimiter limiter;
    @Inject
    Metrics metrics;
    @Inject
    Caller caller;
    @Inject
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        RateLimited limited = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RateLimited.class);
        if (limited == null) {
            return;
        }
        limiter.consume(limited.value(), callerKey()).ifPresent(decision -> {
            request.setProperty(DECISION, decision);
            if (!decision.allowed()) {
                metrics.rateLimited(limited.value());
                throw new ProblemException(ProblemType.RATE_LIMITED, "Rate limit of " + decision.limit()
                        + " requests per " + decision.window() + " exceeded; retry after "
                        + decision.retryAfterSeconds() + " s", Map.of(
                        "Retry-After", Long.toString(decision.retryAfterSeconds()),
                        "RateLimit-Limit", Long.toString(decision.limit()),
                        "RateLimit-Remaining", "0",
                        "RateLimit-Reset", Long.toString(decision.retryAfterSeconds())));
            }
        });
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision decision && decision.allowed()) {
            response.getHeaders().putSingle("RateLimit-Limit", Long.toString(decision.limit()));
            response.getHeaders().putSingle("RateLimit-Remaining", Long.toString(decision.remaining()));
            response.getHeaders().putSingle("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        }
    }

    private String callerKey() {
        Optional<Identity> identity = caller.identity();
        if (identity.isEmpty()) {
            return "ip:" + servletRequest.getRemoteAddr();
        }
        Identity id = identity.get();
        return id.partnerKeyId().map(k -> "partner:" + k)
                .or(() -> id.userId().map(u -> "user:" + u))
                .orElse("admin:" + id.subject());
    }
}
