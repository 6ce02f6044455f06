package io.tollgate.ratelimit;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/** Every ten minutes, forgets per-instance buckets that have refilled completely. */
@Singleton
public class IdleBucketJanitor {

    @Inject
    RateLimiter limiter;

    @Schedule(hour = "*", minute = "*/10", persistent = false)
    void sweep() {
        limiter.forgetIdleBuckets();
    }
}
