package io.tollgate.llmkeys;

import io.tollgate.ratelimit.RateLimited;
import io.tollgate.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/** Puku's endpoint: the authenticated user's OpenRouter key, created or reused. No body. */
@Path("/api/key")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    @Inject
    Caller caller;
    @Inject
    LlmKeyIssuance keys;

    @POST
    @RateLimited("vending")
    public ApiKey key() {
        return keys.keyFor(caller.actingFor(Optional.empty()));
    }
}
