package io.tollgate.console;

import io.tollgate.audit.AdminAction;
import io.tollgate.audit.AuditTrail;
import io.tollgate.security.Caller;
import io.tollgate.web.Page;
import io.tollgate.web.PageRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;

/** The audit trail in the console, searchable by account, admin and action, newest first. */
@Named
@RequestScoped
public class ConsoleAudit {

    @Inject
    Caller caller;
    @Inject
    AuditTrail audit;

    private String userId;
    private String admin;
    private String action;
    private String cursor;
    private Page<AdminAction> page;

    public Page<AdminAction> getPage() {
        if (page == null) {
            caller.admin();
            page = audit.search(given(userId), given(admin), given(action), PageRequest.of("50", cursor));
        }
        return page;
    }

    private static Optional<String> given(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getAdmin() {
        return admin;
    }

    public void setAdmin(String admin) {
        this.admin = admin;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getCursor() {
        return cursor;
    }

    public void setCursor(String cursor) {
        this.cursor = cursor;
    }
}
