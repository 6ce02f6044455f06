package io.tollgate.observability;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The id of the request (or scheduled job) the current thread is working for. Set by {@link RequestIdFilter}
 * for HTTP requests and by {@link #during} for jobs; read by the problem bodies and by the ledger, which records
 * it on every entry it writes. While it is set, the thread's name carries it, so every log line written for the
 * request names it on every server (Payara's and WildFly's log formats both print the thread name).
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    public static final int MAX_LENGTH = 64;

    /** Letters, digits and a few separators: safe in a header, a log line and a column, and never a secret's shape. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX_LENGTH - 1) + "}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestId() {
    }

    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The caller's id if it is sane, else a new one: a client's correlation id is kept, anything odd is not echoed. */
    public static String acceptOrCreate(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    /** Makes {@code id} the current thread's until the scope is closed (try-with-resources), then restores it. */
    public static Scope enter(String id) {
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        String outer = CURRENT.get();
        CURRENT.set(id);
        thread.setName(name + " request=" + id);
        return () -> {
            thread.setName(name);
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        };
    }

    /** Runs {@code work} as the request or job {@code id}. */
    public static <T> T during(String id, Supplier<T> work) {
        try (Scope ignored = enter(id)) {
            return work.get();
        }
    }

    /** A request's or job's hold on the current thread; closing it never fails. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** A fresh id for a scheduled job's run, named after the job: its entries and logs say where they came from. */
    public static String forJob(String job) {
        return job + "-" + UUID.randomUUID();
    }
}
