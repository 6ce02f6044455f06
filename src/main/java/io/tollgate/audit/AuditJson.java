package io.tollgate.audit;

import java.time.Instant;

/** An audit record as the API answers it. */
public record AuditJson(long id, Instant timestamp, String admin, String action, String user_id, String target,
                        String detail, String reason, String channel, String remote_address, String request_id) {

    static AuditJson of(AdminAction a) {
        return new AuditJson(a.id(), a.occurredAt(), a.admin(), a.action(), a.userId().orElse(null),
                a.target().orElse(null), a.detail().orElse(null), a.reason().orElse(null), a.channel(),
                a.remoteAddress().orElse(null), a.requestId().orElse(null));
    }
}
