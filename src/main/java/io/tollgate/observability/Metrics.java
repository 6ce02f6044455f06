package io.tollgate.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The application's meters, in a Micrometer registry rendered as Prometheus text at {@code /metrics}. Micrometer
 * rather than MicroProfile Metrics because WildFly no longer ships MicroProfile Metrics: the WAR brings its own
 * registry, so the names are the same on every server. Every meter is named here, so the catalogue in
 * {@code docs/operations.md} has one place to agree with.
 */
@ApplicationScoped
public class Metrics {

    /** Latency buckets for requests and OpenRouter calls: a few fixed ones, so series stay few per endpoint. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private JvmGcMetrics gc;

    @PostConstruct
    void bindJvm() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
    }

    @PreDestroy
    void close() {
        gc.close();
        registry.close();
    }

    String scrape() {
        return registry.scrape();
    }

    public void request(String endpoint, String method, int status, long nanos) {
        timer("tollgate.http.server.requests", "endpoint", endpoint, "method", method, "status",
                Integer.toString(status)).record(Duration.ofNanos(nanos));
    }

    /** A committed ledger entry of this type, and how much it moved the balance (its absolute value). */
    public void ledgerEntry(String type, BigDecimal amount) {
        registry.counter("tollgate.ledger.entries", "type", type).increment();
        registry.counter("tollgate.credits.moved", "type", type).increment(amount.abs().doubleValue());
    }

    public void tokenVended(String scope) {
        registry.counter("tollgate.tokens.vended", "scope", scope).increment();
    }

    public void tokenValidated(String outcome) {
        registry.counter("tollgate.tokens.validations", "outcome", outcome).increment();
    }

    public void openRouterCall(String operation, String outcome, long nanos) {
        timer("tollgate.openrouter.calls", "operation", operation, "outcome", outcome).record(Duration.ofNanos(nanos));
    }

    /** A user's OpenRouter key: created, refilled, replaced, deleted, or adopted as an orphan. */
    public void llmKey(String event) {
        registry.counter("tollgate.llm.keys", "event", event).increment();
    }

    public void reconciliation(String outcome, long nanos) {
        Timer.builder("tollgate.reconciliation.runs").tag("outcome", outcome).register(registry)
                .record(Duration.ofNanos(nanos));
    }

    public void rateLimited(String limit) {
        registry.counter("tollgate.rate_limit.rejections", "limit", limit).increment();
    }

    public void idempotentReplay() {
        registry.counter("tollgate.idempotency.replays").increment();
    }

    /** A payment webhook event: credited, duplicate (already credited) or refused. */
    public void paymentEvent(String outcome) {
        registry.counter("tollgate.webhooks.payments", "outcome", outcome).increment();
    }

    /** The accounts the last ledger audit found disagreeing with their entries, read when scraped. */
    public void ledgerAuditDifferences(Supplier<Number> differences) {
        Gauge.builder("tollgate.ledger.audit.differences", differences)
                .register(registry);
    }

    private Timer timer(String name, String... tags) {
        return Timer.builder(name).tags(tags).serviceLevelObjectives(BUCKETS).register(registry);
    }
}
