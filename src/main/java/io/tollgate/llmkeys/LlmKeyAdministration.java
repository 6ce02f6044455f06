package io.tollgate.llmkeys;

import java.util.Optional;
import io.tollgate.audit.AuditNote;
import io.tollgate.command.Commands;
import io.tollgate.security.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What an admin does to users' OpenRouter keys, each a command recorded in the audit trail; for REST and the console. */
@ApplicationScoped
public class LlmKeyAdministration {

    @Inject
    LlmKeyRetirement keys;
    @Inject
    Commands commands;
    @Inject
    LlmKeyReconciliation reconciliation;

    public record KeyRetired(boolean success, String userId, String retiredKey, String message) {
    }

    /** The user's key stops working now; their next {@code POST /api/key} gets a fresh one. */
    public KeyRetired rotate(Identity admin, String userId, Optional<String> reason) {
        return retire(admin, AuditNote.onUser("llm-key.rotate", userId).reason(reason),
                "Rotated: the next POST /api/key issues a new key");
    }

    /** The user's key stops working now (it is deleted at OpenRouter once its last usage is charged). */
    public KeyRetired revoke(Identity admin, String userId, Optional<String> reason) {
        return retire(admin, AuditNote.onUser("llm-key.revoke", userId).reason(reason),
                "Revoked: the key is disabled and will be deleted once its usage has settled");
    }

    /** Reconciles every key with OpenRouter now, instead of waiting for the job. */
    public LlmKeyReconciliation.Report reconcile(Identity admin) {
        return commands.adminAction(admin, AuditNote.of("llm-keys.reconcile"), reconciliation::reconcile);
    }

    /** Rotating and revoking do the same to the key today; the trail keeps what the admin meant. */
    private KeyRetired retire(Identity admin, AuditNote note, String message) {
        String userId = note.userId().orElseThrow();
        return commands.adminAction(admin, note,
                () -> new KeyRetired(true, userId, keys.retireLiveKey(userId).orElse(null), message));
    }
}
