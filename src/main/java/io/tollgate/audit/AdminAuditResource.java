package io.tollgate.audit;

import io.tollgate.security.Caller;
import io.tollgate.security.UserIds;
import io.tollgate.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/** The audit trail, newest first: every admin action, through the console or the API. Admins only; paginated. */
@Path("/admin/audit")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminAuditResource {

    @Inject
    Caller caller;
    @Inject
    AuditTrail audit;

    @GET
    public Response audit(@QueryParam("userId") String userId, @QueryParam("admin") String admin,
                          @QueryParam("action") String action, @QueryParam("limit") String limit,
                          @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        caller.admin();
        return audit.search(Optional.ofNullable(userId).map(UserIds::require), Optional.ofNullable(admin),
                Optional.ofNullable(action), PageRequest.of(limit, cursor)).map(AuditJson::of).asArray(uri);
    }
}
