package io.tollgate.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Puts a resource method under the limit of a group of endpoints ({@code tollgate.rate-limit.<group>}). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RateLimited {

    /** The group whose limit applies: {@code vending}, {@code crediting}, {@code webhooks}, {@code validation}. */
    String value();
}
