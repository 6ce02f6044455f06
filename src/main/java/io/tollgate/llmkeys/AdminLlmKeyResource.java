package io.tollgate.llmkeys;

import io.tollgate.web.JsonRequest;
import io.tollgate.security.Caller;
import io.tollgate.security.UserIds;
import io.tollgate.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/** Admin: the users' OpenRouter keys; rotating or revoking one; running the reconciliation now. */
@Path("/admin/llm-keys")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminLlmKeyResource {

    @Inject
    Caller caller;
    @Inject
    LlmKeys keys;
    @Inject
    LlmKeyAdministration administration;

    /** Keys not yet deleted, of one user ({@code userId}) or of all, paged by key id ({@code X-Next-Cursor}). */
    @GET
    public Response list(@QueryParam("userId") String userId, @QueryParam("limit") String limit,
                         @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        caller.admin();
        return keys.list(Optional.ofNullable(userId).map(UserIds::require), PageRequest.of(limit, cursor)).asArray(uri);
    }

    /** The user's key stops working now; their next {@code POST /api/key} gets a fresh one. */
    @POST
    @Path("/{userId}/rotate")
    public LlmKeyAdministration.KeyRetired rotate(@PathParam("userId") String userId, String body) {
        return administration.rotate(caller.admin(), UserIds.require(userId),
                JsonRequest.ofOptional(body).optionalReason("reason"));
    }

    /** The user's key stops working now (it is deleted at OpenRouter once its last usage is charged). */
    @POST
    @Path("/{userId}/revoke")
    public LlmKeyAdministration.KeyRetired revoke(@PathParam("userId") String userId, String body) {
        return administration.revoke(caller.admin(), UserIds.require(userId),
                JsonRequest.ofOptional(body).optionalReason("reason"));
    }

    @POST
    @Path("/reconcile")
    public LlmKeyReconciliation.Report reconcile() {
        return administration.reconcile(caller.admin());
    }
}
