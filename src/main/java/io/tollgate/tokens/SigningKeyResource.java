package io.tollgate.tokens;

import io.tollgate.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Admin: make a new key the token signer. */
@Path("/admin/tokens/signing-keys")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeyResource {

    @Inject
    Caller caller;
    @Inject
    TokenAdministration administration;

    @POST
    @Path("rotate")
    public SigningKeyRotated rotate() {
        return administration.rotate(caller.admin());
    }
}
