package io.tollgate.admin;

import io.tollgate.security.Caller;
import io.tollgate.tokens.TokenAdministration;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The token signing keys in the console: which signs, which are still published, and a rotation. */
@Named
@RequestScoped
public class ConsoleSigningKeys {

    @Inject
    Caller caller;
    @Inject
    TokenAdministration tokens;

    private boolean confirmed;

    public List<TokenAdministration.KeyRecord> getKeys() {
        caller.admin();
        return tokens.signingKeys();
    }

    public void rotate() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!confirmed) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, "Tick the confirmation first", null));
            return;
        }
        String kid = tokens.rotate(caller.admin()).kid();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                "Rotated: new tokens are signed with " + kid + "; the previous key stays published until its tokens expire",
                null));
        confirmed = false;
    }

    public boolean isConfirmed() {
        return confirmed;
    }

    public void setConfirmed(boolean confirmed) {
        this.confirmed = confirmed;
    }
}
