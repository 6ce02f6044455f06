package io.tollgate.llmkeys;

import io.tollgate.persistence.LowercaseEnums;

/**
 * A key is {@code live} while handed out (at most one per user), {@code retiring} once disabled at OpenRouter and
 * waiting for its last usage to settle, and {@code deleted} once that usage is charged, its hold released and the
 * key deleted at OpenRouter.
 */
public enum LlmKeyState {
    LIVE, RETIRING, DELETED;

    public String code() {
        return LowercaseEnums.code(this);
    }

}
