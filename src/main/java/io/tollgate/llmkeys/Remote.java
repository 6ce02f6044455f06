package io.tollgate.llmkeys;

import io.tollgate.problem.ProblemException;
import io.tollgate.problem.ProblemType;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/** Calls OpenRouter, turning its failures (and open circuits, timeouts) into a 503 with {@code Retry-After}. */
final class Remote {

    private Remote() {
    }

    static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (OpenRouterUnavailable | FaultToleranceException e) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "OpenRouter is unavailable; retry shortly",
                    Map.of("Retry-After", "5"));
        }
    }

    static void run(Runnable request) {
        call(() -> {
            request.run();
            return null;
        });
    }
}
