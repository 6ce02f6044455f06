package io.tollgate.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Token buckets (Bucket4j) per group of endpoints and per caller. With {@code tollgate.rate-limit.store=jcache}
 * the buckets live in the server's JCache (Payara's Hazelcast data grid, shared by the instances of a cluster),
 * so limits hold across the cluster; with {@code local} (the default) each instance keeps its own. The grid is
 * Payara's own Hazelcast member ({@code payara/CacheManager}); a server without one keeps limits per instance.
 * A fault of the grid never fails a request: the instance keeps its own buckets for {@link #GRID_RETRY}, then
 * tries the grid again. A server without the JCache API (WildFly) keeps limits per instance.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());
    private static final Map<String, String> DEFAULTS = Map.of(
            "vending", "120/PT1M",
            "crediting", "600/PT1M",
            "webhooks", "600/PT1M",
            "validation", "1200/PT1M");

    @Inject
    Config config;

    private static final Duration GRID_RETRY = Duration.ofSeconds(30);

    private final Map<String, Optional<Limit>> limits = new ConcurrentHashMap<>();
    private final Map<String, Bucket> localBuckets = new ConcurrentHashMap<>();
    private volatile Optional<ProxyManager<String>> grid = Optional.empty();
    /** {@link System#nanoTime()} from which the grid is tried again after a fault. */
    private volatile long gridRetryAt = System.nanoTime();

    @PostConstruct
    void connectToGrid() {
        if (!"jcache".equalsIgnoreCase(config.getOptionalValue("tollgate.rate-limit.store", String.class)
                .orElse("local"))) {
            return;
        }
        try {
            grid = Optional.of(JCacheBuckets.connect(longestWindow()));
            LOG.info("Rate limits are shared through JCache");
        } catch (RuntimeException | LinkageError noGrid) {
            LOG.log(Level.WARNING, "tollgate.rate-limit.store=jcache, but JCache is unavailable: limits are kept"
                    + " per instance", noGrid);
        }
    }

    /** Takes one request from {@code caller}'s bucket of {@code group}; empty when the group is unlimited. */
    public Optional<Decision> consume(String group, String caller) {
        Optional<Limit> limit = limits.computeIfAbsent(group, this::configured);
        return limit.map(l -> decide(l, take(group + "|" + caller, l)));
    }

    private ConsumptionProbe take(String key, Limit limit) {
        if (grid.isPresent() && System.nanoTime() - gridRetryAt >= 0) {
            try {
                return grid.get().builder().build(key, limit::configuration).tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                gridRetryAt = System.nanoTime() + GRID_RETRY.toNanos();
                LOG.log(Level.WARNING, "JCache rate limiting failed; limits are kept per instance for the next "
                        + GRID_RETRY.toSeconds() + " s", e);
            }
        }
        return localBuckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(limit.bandwidth()).build())
                .tryConsumeAndReturnRemaining(1);
    }

    /** A bucket untouched for its whole window is full again: the grid may forget it after the longest window. */
    private Duration longestWindow() {
        return DEFAULTS.keySet().stream().map(group -> limits.computeIfAbsent(group, this::configured))
                .flatMap(Optional::stream).map(Limit::window).max(Duration::compareTo).orElse(Duration.ofHours(1));
    }

    private static Decision decide(Limit limit, ConsumptionProbe probe) {
        long resetSeconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForReset()).toSeconds());
        long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
        return new Decision(probe.isConsumed(), limit.capacity(), probe.getRemainingTokens(), resetSeconds,
                retryAfter, limit.window());
    }

    private Optional<Limit> configured(String group) {
        String spec = config.getOptionalValue("tollgate.rate-limit." + group, String.class)
                .orElse(DEFAULTS.getOrDefault(group, "off"));
        if (spec.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        String[] parts = spec.split("/");
        return Optional.of(new Limit(Long.parseLong(parts[0].trim()), Duration.parse(parts[1].trim())));
    }

    /** Drops idle per-instance buckets (full again), so one-off callers do not accumulate. */
    void forgetIdleBuckets() {
        localBuckets.entrySet().removeIf(entry -> {
            Optional<Limit> limit = limits.getOrDefault(entry.getKey().substring(0, entry.getKey().indexOf('|')),
                    Optional.empty());
            return limit.isEmpty() || entry.getValue().getAvailableTokens() >= limit.get().capacity();
        });
    }

    record Limit(long capacity, Duration window) {
        Bandwidth bandwidth() {
            return Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build();
        }

        BucketConfiguration configuration() {
            return BucketConfiguration.builder().addLimit(bandwidth()).build();
        }
    }

    /** The outcome for one request, with what the {@code RateLimit-*} headers report. */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds,
                           Duration window) {
    }
}
