package io.tollgate.web;

import io.tollgate.problem.Problem;
import io.tollgate.problem.ProblemException;
import io.tollgate.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Stopping the server (or undeploying) lets requests in flight finish, for at most {@code tollgate.shutdown.grace},
 * while new ones are answered 503 with {@code Retry-After} and {@code Connection: close}, so a load balancer retries
 * them on another instance. Every request's work is one transaction, so one cut off at the end of the grace period
 * is rolled back whole, never left half-done.
 */
public final class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class.getName());
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    private static volatile boolean draining;

    private GracefulShutdown() {
    }

    public static boolean isDraining() {
        return draining;
    }

    static void drain(Duration grace) {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        LOG.info(() -> "Stopping: waiting up to " + grace + " for " + IN_FLIGHT.get() + " requests in flight");
        while (IN_FLIGHT.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        int left = IN_FLIGHT.get();
        if (left > 0) {
            LOG.warning(() -> "Stopping with " + left + " requests still in flight after " + grace);
        }
    }

    /** Counts requests in flight, and refuses new ones once the application is stopping. */
    @WebFilter(urlPatterns = "/*", asyncSupported = true)
    public static class InFlight extends HttpFilter {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            IN_FLIGHT.incrementAndGet();
            try {
                if (draining) {
                    refuse(response);
                } else {
                    chain.doFilter(request, response);
                }
            } finally {
                IN_FLIGHT.decrementAndGet();
            }
        }

        private static void refuse(HttpServletResponse response) throws IOException {
            Problem.write(response, new ProblemException(ProblemType.UNAVAILABLE, "This instance is stopping; retry",
                    Map.of("Retry-After", "1", "Connection", "close")));
        }
    }

    /** Waits for the requests in flight when the application stops. */
    @WebListener
    public static class OnStop implements ServletContextListener {
        @Override
        public void contextDestroyed(ServletContextEvent event) {
            drain(ConfigProvider.getConfig().getOptionalValue("tollgate.shutdown.grace", Duration.class)
                    .orElse(Duration.ofSeconds(15)));
        }
    }
}
