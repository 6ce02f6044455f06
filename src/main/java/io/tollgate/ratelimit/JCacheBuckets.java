package io.tollgate.ratelimit;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.TouchedExpiryPolicy;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Buckets in the server's JCache, each a byte array changed by compare-and-swap ({@code putIfAbsent}, three-argument
 * {@code replace}): the grid only ever holds and compares strings and bytes. Not Bucket4j's entry-processor manager:
 * the grid runs an entry processor on the member that owns the key, which must then load Bucket4j's classes, and
 * Hazelcast's partition threads in Payara cannot see an application's classes. Apart from {@link RateLimiter} so
 * that only this class needs the JCache API: on a server without it (WildFly) the rate limiter still loads.
 */
final class JCacheBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

    private static final String CACHE = "tollgate-rate-limits";

    private final Cache<String, byte[]> cache;

    private JCacheBuckets(Cache<String, byte[]> cache) {
        super(ClientSideConfig.getDefault());
        this.cache = cache;
    }

    /** Buckets idle for {@code idleExpiry} are dropped from the grid (they would be full again). */
    static ProxyManager<String> connect(Duration idleExpiry) {
        CacheManager manager = payaraCacheManager();
        Cache<String, byte[]> cache = manager.getCache(CACHE, String.class, byte[].class);
        if (cache == null) {
            cache = manager.createCache(CACHE, new MutableConfiguration<String, byte[]>()
                    .setTypes(String.class, byte[].class)
                    .setExpiryPolicyFactory(TouchedExpiryPolicy.factoryOf(
                            new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, idleExpiry.toMillis()))));
        }
        return new JCacheBuckets(cache);
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                return Optional.ofNullable(cache.get(key));
            }

            @Override
            public boolean compareAndSwap(byte[] original, byte[] updated, RemoteBucketState state,
                                          Optional<Long> timeoutNanos) {
                return original == null ? cache.putIfAbsent(key, updated) : cache.replace(key, original, updated);
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("Tollgate takes tokens synchronously");
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        throw new UnsupportedOperationException("Tollgate takes tokens synchronously");
    }

    @Override
    public void removeProxy(String key) {
        cache.remove(key);
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }

    /**
     * The cache manager of Payara's own Hazelcast member. Not {@code Caching.getCachingProvider()}: in Payara that is
     * Hazelcast's client provider, which waits for a cluster to connect to, forever, inside the request.
     */
    private static CacheManager payaraCacheManager() {
        try {
            return (CacheManager) new InitialContext().lookup("payara/CacheManager");
        } catch (NamingException noPayaraGrid) {
            throw new IllegalStateException("No Payara data grid (payara/CacheManager): " + noPayaraGrid.getMessage());
        }
    }
}
