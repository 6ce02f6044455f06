package io.tollgate.llmkeys;

/** OpenRouter did not do what was asked (429, 5xx, timeout, open circuit): the caller gets a 503. */
public class OpenRouterUnavailable extends RuntimeException {
    public OpenRouterUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
