package io.tollgate.llmkeys;

import io.tollgate.refusal.Refused;
import java.time.Duration;

/** Why an OpenRouter key could not be handed out or changed. */
public final class LlmKeysRefused extends Refused {

    public enum Reason {
        /** This deployment does not offer OpenRouter keys ({@code tollgate.llm.enabled=false}). */
        NOT_OFFERED,
        /** Offered, but no OpenRouter management key is configured. */
        NOT_CONFIGURED,
        /** OpenRouter did not do what was asked (429, 5xx, timeout, open circuit); momentary. */
        OPENROUTER_UNAVAILABLE
    }

    private static final Duration OPENROUTER_RETRY = Duration.ofSeconds(5);

    private LlmKeysRefused(Reason reason, String detail, Duration retryAfter) {
        super(reason, detail, retryAfter);
    }

    static LlmKeysRefused notOffered() {
        return new LlmKeysRefused(Reason.NOT_OFFERED, "OpenRouter keys are not offered here", null);
    }

    static LlmKeysRefused notConfigured() {
        return new LlmKeysRefused(Reason.NOT_CONFIGURED, "OpenRouter keys are not configured", null);
    }

    static LlmKeysRefused openRouterUnavailable() {
        return new LlmKeysRefused(Reason.OPENROUTER_UNAVAILABLE, "OpenRouter is unavailable; retry shortly",
                OPENROUTER_RETRY);
    }

    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }
}
