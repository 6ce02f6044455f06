package io.tollgate.partners;

import io.tollgate.audit.AuditNote;
import io.tollgate.command.Commands;
import io.tollgate.security.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;

/** What an admin does to partner keys, each a command recorded in the audit trail; for the REST API and the console. */
@ApplicationScoped
public class PartnerKeyAdministration {

    @Inject
    PartnerKeyService keys;
    @Inject
    Commands commands;

    /** A new key; its secret is in the answer and nowhere else, ever. */
    public PartnerKeyService.IssuedKey create(Identity admin, Optional<String> description, Set<String> scopes,
                                              PartnerKey.Limits limits) {
        return commands.adminAction(admin, AuditNote.of("partner-key.create").detail("scopes " + String.join(",", scopes))
                .reason(description), () -> keys.create(description, scopes, limits));
    }

    public PartnerKeyJson revoke(Identity admin, String id) {
        return commands.adminAction(admin, AuditNote.on("partner-key.revoke", id), () -> keys.revoke(id));
    }

    /** A new secret; the previous one keeps working for the rotation grace. */
    public PartnerKeyService.IssuedKey rotate(Identity admin, String id) {
        return commands.adminAction(admin, AuditNote.on("partner-key.rotate", id), () -> keys.rotate(id));
    }
}
