package io.tollgate.downstream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Answers the verified caller, for tokens vended for the {@code access} scope. */
@Path("/whoami")
@RequestScoped
public class WhoAmIResource {

    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed("access")
    @Produces(MediaType.TEXT_PLAIN)
    public String whoAmI() {
        return jwt.getSubject();
    }
}
