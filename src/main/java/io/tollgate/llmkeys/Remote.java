package io.tollgate.llmkeys;

import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/** Calls OpenRouter, turning its failures (and open circuits, timeouts) into a momentary refusal. */
final class Remote {

    private Remote() {
    }

    static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (OpenRouterUnavailable | FaultToleranceException e) {
            throw LlmKeysRefused.openRouterUnavailable();
        }
    }

    static void run(Runnable request) {
        call(() -> {
            request.run();
            return null;
        });
    }
}
