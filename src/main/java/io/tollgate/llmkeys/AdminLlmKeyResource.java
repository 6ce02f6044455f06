package io.tollgate.llmkeys;

import io.tollgate.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Admin: run the OpenRouter reconciliation now (it also runs every minute). */
@Path("/admin/llm-keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminLlmKeyResource {

    @Inject
    Caller caller;
    @Inject
    LlmKeyReconciliation reconciliation;

    @POST
    @Path("/reconcile")
    public LlmKeyReconciliation.Report reconcile() {
        caller.admin();
        return reconciliation.reconcile();
    }
}
