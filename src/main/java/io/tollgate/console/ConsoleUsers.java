package io.tollgate.console;

import io.tollgate.credits.AccountSummary;
import io.tollgate.credits.Accounts;
import io.tollgate.security.Caller;
import io.tollgate.security.UserIds;
import io.tollgate.web.Page;
import io.tollgate.web.PageRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The console's list of accounts: find one by id, or page through all of them. */
@Named
@RequestScoped
public class ConsoleUsers {

    private static final String PAGE_SIZE = "25";

    @Inject
    Caller caller;
    @Inject
    Accounts accounts;

    private String search;
    private String cursor;
    private Page<AccountSummary> page;

    public Page<AccountSummary> getPage() {
        if (page == null) {
            caller.admin();
            page = accounts.summaries(PageRequest.of(PAGE_SIZE, cursor));
        }
        return page;
    }

    /** Opens the account whose id was typed, if there is one. */
    public String find() {
        caller.admin();
        String userId = search == null ? "" : search.trim();
        if (UserIds.isValid(userId) && accounts.exists(userId)) {
            return "user?faces-redirect=true&id=" + java.net.URLEncoder.encode(userId, java.nio.charset.StandardCharsets.UTF_8);
        }
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_WARN, "No account " + userId, null));
        return null;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public String getCursor() {
        return cursor;
    }

    public void setCursor(String cursor) {
        this.cursor = cursor;
    }
}
