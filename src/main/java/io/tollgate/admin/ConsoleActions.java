package io.tollgate.admin;

import io.tollgate.problem.ProblemException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.function.Supplier;

/** How every console action runs: only once confirmed, and saying how it went (a refusal as the API words it). */
final class ConsoleActions {

    private ConsoleActions() {
    }

    static void ifConfirmed(boolean confirmed, Supplier<String> action) {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!confirmed) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, "Tick the confirmation first", null));
            return;
        }
        try {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, action.get(), null));
        } catch (ProblemException refused) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.detail(), null));
        }
    }
}
