package io.tollgate.admin;

import io.tollgate.security.Caller;
import io.tollgate.tokens.TokenAdministration;
import jakarta.enterprise.context.RequestScoped;
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
        ConsoleActions.ifConfirmed(confirmed, () -> "Rotated: new tokens are signed with " + tokens.rotate(caller.admin()).kid()
                + "; the previous key stays published until its tokens expire");
    }

    public boolean isConfirmed() {
        return confirmed;
    }

    public void setConfirmed(boolean confirmed) {
        this.confirmed = confirmed;
    }
}
