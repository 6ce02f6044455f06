package io.tollgate.ratelimit;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.jcache.Bucket4jJCache;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

/**
 * Buckets in the server's JCache. Apart from {@link RateLimiter} so that only this class needs the JCache API:
 * on a server without it (WildFly) the rate limiter still loads, and this class is never touched.
 */
final class JCacheBuckets {

    private static final String CACHE = "tollgate-rate-limits";

    private JCacheBuckets() {
    }

    static ProxyManager<String> connect() {
        CacheManager manager = Caching.getCachingProvider().getCacheManager();
        Cache<String, byte[]> cache = manager.getCache(CACHE, String.class, byte[].class);
        if (cache == null) {
            cache = manager.createCache(CACHE, new MutableConfiguration<String, byte[]>()
                    .setTypes(String.class, byte[].class));
        }
        return Bucket4jJCache.entryProcessorBasedBuilder(cache).build();
    }
}
