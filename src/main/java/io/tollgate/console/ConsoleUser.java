package io.tollgate.console;

import jakarta.faces.context.FacesContext;
import jakarta.faces.application.FacesMessage;
import io.tollgate.refusal.Refused;
import io.tollgate.credits.CreditAmounts;
import io.tollgate.audit.AdminAction;
import io.tollgate.audit.AuditTrail;
import io.tollgate.command.Outcome;
import io.tollgate.credits.Account;
import io.tollgate.credits.AccountAdministration;
import io.tollgate.credits.Accounts;
import io.tollgate.credits.CreditsMoved;
import io.tollgate.credits.EntryType;
import io.tollgate.credits.Ledger;
import io.tollgate.credits.Posting;
import io.tollgate.credits.TransactionJson;
import io.tollgate.llmkeys.LlmKeyAdministration;
import io.tollgate.llmkeys.LlmKeyJson;
import io.tollgate.llmkeys.LlmKeys;
import io.tollgate.refusal.InvalidRequest;
import io.tollgate.security.Caller;
import io.tollgate.security.Identity;
import io.tollgate.security.UserIds;
import io.tollgate.tokens.TokenAdministration;
import io.tollgate.web.Page;
import io.tollgate.web.PageRequest;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One account in the console: its amounts, ledger, OpenRouter key and audit records, and what an admin may do to it.
 * Every action goes through the same services as the REST API, needs a ticked confirmation, and is recorded with
 * its reason. A form sent twice acts once ({@link ConsoleForm}); moving credits also uses the page's key as its
 * idempotency key, so a form sent again after its answer was lost moves credits once too.
 */
@Named
@ViewScoped
public class ConsoleUser implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String PAGE_SIZE = "20";

    @Inject
    Caller caller;
    @Inject
    Accounts accounts;
    @Inject
    Ledger ledger;
    @Inject
    LlmKeys llmKeys;
    @Inject
    AuditTrail audit;
    @Inject
    AccountAdministration administration;
    @Inject
    LlmKeyAdministration llmKeyAdministration;
    @Inject
    TokenAdministration tokens;
    @Inject
    CreditAmounts amounts;

    private String id;
    private String type;
    private String cursor;
    private BigDecimal amount;
    private String reason;
    private String jti;
    private final ConsoleForm form = new ConsoleForm();

    private transient Account account;
    /** The page's id names no account, or is no user id: said once on the page, which then shows nothing else. */
    private transient boolean missing;
    private transient Page<TransactionJson> entries;

    /** Finds the page's account as the page is asked for, before anything is drawn. */
    public void load() {
        getAccount();
    }

    /** The account the page is about; {@code null} when there is none, which the page says. */
    public Account getAccount() {
        if (account == null && !missing) {
            caller.admin();
            try {
                account = accounts.find(UserIds.require(id));
            } catch (Refused refused) {
                missing = true;
                FacesContext.getCurrentInstance().addMessage(null,
                        new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.detail(), null));
            }
        }
        return account;
    }

    /** Newest first, optionally of one type. */
    public Page<TransactionJson> getEntries() {
        if (entries == null) {
            caller.admin();
            Optional<EntryType> entryType = Optional.ofNullable(type).filter(t -> !t.isBlank()).map(EntryType::fromCode);
            entries = ledger.history(Optional.of(getAccount().userId()), entryType, PageRequest.of(PAGE_SIZE, cursor))
                    .map(TransactionJson::of);
        }
        return entries;
    }

    public List<LlmKeyJson> getLlmKeys() {
        caller.admin();
        return llmKeys.list(Optional.of(getAccount().userId()), PageRequest.of("5", null)).items();
    }

    public List<TokenAdministration.TokenRecord> getRecentTokens() {
        caller.admin();
        return tokens.recentTokens(getAccount().userId(), 10);
    }

    public List<AdminAction> getAuditRecords() {
        caller.admin();
        return audit.search(Optional.of(getAccount().userId()), Optional.empty(), Optional.empty(),
                PageRequest.of("20", null)).items();
    }

    public List<String> getEntryTypes() {
        return Arrays.stream(EntryType.values()).map(EntryType::code).toList();
    }

    public void addCredits() {
        move(Posting.Direction.CREDIT);
    }

    public void deductCredits() {
        move(Posting.Direction.DEBIT);
    }

    private void move(Posting.Direction direction) {
        act(() -> {
            if (amount == null) {
                throw InvalidRequest.invalid("amount is required");
            }
            amounts.requirePositive("amount", amount);
            String request = Json.createObjectBuilder().add("userId", id).add("amount", amount)
                    .add("reason", reasonGiven().orElse("")).build().toString();
            Outcome<CreditsMoved> answer = administration.move(caller.admin(), new AccountAdministration.Movement(
                    direction, id, amount, reasonGiven(), Optional.of(form.getKey()),
                    direction == Posting.Direction.CREDIT ? "console: add credits" : "console: deduct credits", request));
            String moved = amount.toPlainString();
            amount = null;
            if (answer.replayed()) {
                return ConsoleForm.ALREADY_DONE;
            }
            return (direction == Posting.Direction.CREDIT ? "Added " : "Deducted ") + moved + " credits";
        });
    }

    public void writeOffDebt() {
        act(() -> {
            String why = reasonGiven().orElseThrow(() -> InvalidRequest.invalid("A reason is required to write off a debt"));
            administration.writeOffDebt(caller.admin(), id,
                    Optional.ofNullable(amount).map(a -> amounts.requirePositive("amount", a)), why,
                    Optional.of(form.getKey()), Json.createObjectBuilder().add("reason", why).build().toString());
            return "Debt written off";
        });
    }

    public void block() {
        act(() -> {
            administration.block(caller.admin(), id, reasonGiven());
            return "Blocked: the user can no longer spend or vend";
        });
    }

    public void unblock() {
        act(() -> {
            administration.unblock(caller.admin(), id, reasonGiven());
            return "Unblocked";
        });
    }

    public void rotateKey() {
        act(() -> llmKeyAdministration.rotate(caller.admin(), id, reasonGiven()).message());
    }

    public void revokeKey() {
        act(() -> llmKeyAdministration.revoke(caller.admin(), id, reasonGiven()).message());
    }

    /** Revokes one of the user's tokens (the row's button names it); the page's reason goes to the audit trail. */
    public void revokeToken() {
        act(() -> "Token " + tokens.revoke(caller.admin(), jti, reasonGiven()).jti() + " revoked");
    }

    /** Runs an action as every console form does; the page then shows the account as it now is. */
    private void act(Supplier<String> action) {
        try {
            form.act(action);
        } finally {
            account = null;
            missing = false;
            entries = null;
        }
    }

    private Optional<String> reasonGiven() {
        return Optional.ofNullable(reason).map(String::trim).filter(r -> !r.isEmpty());
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getCursor() {
        return cursor;
    }

    public void setCursor(String cursor) {
        this.cursor = cursor;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getJti() {
        return jti;
    }

    public void setJti(String jti) {
        this.jti = jti;
    }

    public ConsoleForm getForm() {
        return form;
    }
}
