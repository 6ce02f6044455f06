package io.tollgate.console;

import io.tollgate.security.Caller;
import io.tollgate.tokens.TokenAdministration;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The token signing keys in the console: which signs, which are still published, and a rotation. */
@Named
@ViewScoped
public class ConsoleSigningKeys implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Caller caller;
    @Inject
    TokenAdministration tokens;

    private final ConsoleForm form = new ConsoleForm();

    public List<TokenAdministration.KeyRecord> getKeys() {
        caller.admin();
        return tokens.signingKeys();
    }

    public void rotate() {
        form.act(() -> "Rotated: new tokens are signed with " + tokens.rotate(caller.admin()).kid()
                + "; the previous key stays published until its tokens expire");
    }

    public ConsoleForm getForm() {
        return form;
    }
}
