package io.tollgate.console;

import io.tollgate.credits.CreditAmounts;
import io.tollgate.partners.PartnerKey;
import io.tollgate.partners.PartnerKeyAdministration;
import io.tollgate.partners.PartnerKeyJson;
import io.tollgate.partners.PartnerKeyService;
import io.tollgate.refusal.InvalidRequest;
import io.tollgate.security.Caller;
import io.tollgate.security.PartnerScopes;
import io.tollgate.web.PageRequest;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Partner keys in the console: create one (its secret shown on this page once, never again), rotate it with the
 * configured grace, revoke it.
 */
@Named
@ViewScoped
public class ConsolePartners implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Caller caller;
    @Inject
    PartnerKeyService keys;
    @Inject
    PartnerKeyAdministration administration;
    @Inject
    CreditAmounts amounts;

    private String description;
    private List<String> scopes = new ArrayList<>(PartnerScopes.DEFAULT);
    private BigDecimal perCall;
    private BigDecimal perDay;
    private String keyId;
    private final ConsoleForm form = new ConsoleForm();
    /** The secret just issued; shown once, in the answer to the action that made it. */
    private transient String issuedSecret;

    public List<PartnerKeyJson> getKeys() {
        caller.admin();
        return keys.list(PageRequest.of("100", null)).items();
    }

    public List<String> getAllScopes() {
        return PartnerScopes.ALL.stream().sorted().toList();
    }

    public void create() {
        form.act(() -> {
            if (scopes == null || scopes.isEmpty()) {
                throw InvalidRequest.invalid("Choose at least one scope");
            }
            PartnerKey.Limits limits = new PartnerKey.Limits(
                    Optional.ofNullable(perCall).map(n -> amounts.requirePositive("per call", n)),
                    Optional.ofNullable(perDay).map(n -> amounts.requirePositiveUnbounded("per day", n)));
            PartnerKeyService.IssuedKey issued = administration.create(caller.admin(),
                    Optional.ofNullable(description).map(String::trim).filter(d -> !d.isEmpty()),
                    new LinkedHashSet<>(scopes), limits);
            issuedSecret = issued.secret();
            description = null;
            return "Key " + issued.key().id() + " created. Copy its secret now: it is not shown again.";
        });
    }

    public void rotate() {
        form.act(() -> {
            PartnerKeyService.IssuedKey issued = administration.rotate(caller.admin(), keyId);
            issuedSecret = issued.secret();
            return "Key " + keyId + " rotated. Copy its new secret now; the previous one works until "
                    + issued.previousSecretValidUntil().map(Object::toString).orElse("now");
        });
    }

    public void revoke() {
        form.act(() -> "Key " + administration.revoke(caller.admin(), keyId).id() + " revoked");
    }

    public ConsoleForm getForm() {
        return form;
    }

    public String getIssuedSecret() {
        return issuedSecret;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public void setScopes(List<String> scopes) {
        this.scopes = scopes;
    }

    public BigDecimal getPerCall() {
        return perCall;
    }

    public void setPerCall(BigDecimal perCall) {
        this.perCall = perCall;
    }

    public BigDecimal getPerDay() {
        return perDay;
    }

    public void setPerDay(BigDecimal perDay) {
        this.perDay = perDay;
    }

    public String getKeyId() {
        return keyId;
    }

    public void setKeyId(String keyId) {
        this.keyId = keyId;
    }
}
