package io.tollgate.console;

import io.tollgate.refusal.Refused;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.io.Serializable;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What every console action form carries besides its fields: the admin's "I confirm" tick, and a key drawn with the
 * page, so a form sent twice from one page (a double click) acts once. The first post carrying the drawn key acts
 * and draws the next one; a later copy still carries the old key. This relies on a session's posts taking turns
 * ({@link ConsolePostsInTurn}). One per view-scoped bean; its forms bind {@code confirmed} and {@code key}.
 */
public class ConsoleForm implements Serializable {

    static final String ALREADY_DONE = "Already done: this form was sent before, and acted once";

    private static final long serialVersionUID = 1L;

    private boolean confirmed;
    private String drawnKey = newKey();
    private String sentKey;

    /**
     * Runs an action if this post carries the page's key and is confirmed, and says how it went (a refusal as the
     * API words it). The tick is cleared either way, so every action is confirmed anew.
     */
    void act(Supplier<String> action) {
        FacesContext faces = FacesContext.getCurrentInstance();
        boolean current = drawnKey.equals(sentKey);
        boolean wasConfirmed = confirmed;
        sentKey = null;
        confirmed = false;
        if (!current) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, ALREADY_DONE, null));
        } else if (!wasConfirmed) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, "Tick the confirmation first", null));
        } else {
            try {
                String done = action.get();
                drawnKey = newKey();
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, done, null));
            } catch (Refused refused) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.detail(), null));
            }
        }
    }

    public boolean isConfirmed() {
        return confirmed;
    }

    public void setConfirmed(boolean confirmed) {
        this.confirmed = confirmed;
    }

    /** The key of the page being answered; also the idempotency key of a credit move it makes. */
    public String getKey() {
        return drawnKey;
    }

    public void setKey(String sent) {
        this.sentKey = sent;
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }
}
