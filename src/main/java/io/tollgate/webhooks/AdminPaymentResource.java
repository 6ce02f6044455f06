package io.tollgate.webhooks;

import io.tollgate.security.Caller;
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

/** Admin: signed payments that were refused, waiting for someone to act on them. */
@Path("/admin/payments")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminPaymentResource {

    @Inject
    Caller caller;
    @Inject
    PaymentService payments;

    /** By event id ({@code X-Next-Cursor}); a refused event that is credited on a redelivery leaves the list. */
    @GET
    @Path("/refused")
    public Response refused(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                            @Context UriInfo uri) {
        caller.admin();
        return payments.refusals(PageRequest.of(limit, cursor)).asArray(uri);
    }
}
