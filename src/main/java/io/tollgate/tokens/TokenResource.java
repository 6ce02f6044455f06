package io.tollgate.tokens;

import io.tollgate.command.Command;
import io.tollgate.command.Commands;
import io.tollgate.idempotency.IdempotentRequest;
import io.tollgate.ratelimit.RateLimited;
import io.tollgate.refusal.InvalidRequest;
import io.tollgate.security.Caller;
import io.tollgate.security.Identity;
import io.tollgate.security.UserIds;
import io.tollgate.web.JsonRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Pluct's token vending and validation, plus revocation and the public keys. */
@Path("/")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    Caller caller;
    @Inject
    TokenService tokens;
    @Inject
    TokenScopes scopes;
    @Inject
    SigningKeys signingKeys;
    @Inject
    Commands commands;
    @Inject
    TokenAdministration administration;

    /** The caller buys a token for themself; an admin may name {@code userId}. Body optional: {userId?, scope?}. */
    @RateLimited("vending")
    @POST
    @Path("vend-token")
    public Response vend(@HeaderParam(IdempotentRequest.HEADER) String idempotencyKey, String body) {
        Identity identity = caller.authenticated();
        JsonRequest json = JsonRequest.ofOptional(body);
        String userId = caller.actingFor(json.optionalString("userId").map(UserIds::require));
        TokenScope scope = scopes.resolve(json.optionalString("scope"));
        return commands.run(Command.named("POST /vend-token").idempotent(idempotencyKey, identity.subject(),
                        json.canonical()),
                () -> tokens.vend(userId, scope, identity.actor(), Optional.ofNullable(idempotencyKey))).response();
    }

    /** Public, like Pluct's: answers whether a token is valid and, if not, why. */
    @RateLimited("validation")
    @POST
    @Path("validate-token")
    @Consumes(MediaType.APPLICATION_JSON)
    public TokenValidation validate(String body) {
        String token = JsonRequest.of(body).optionalString("token").filter(t -> !t.isBlank())
                .orElseThrow(() -> InvalidRequest.invalid("Valid token is required"));
        return tokens.validate(token);
    }

    @POST
    @Path("tokens/{jti}/revoke")
    public TokenService.Revocation revoke(@PathParam("jti") String jti, String body) {
        Identity identity = caller.authenticated();
        if (identity.isAdmin()) {
            return administration.revoke(identity, jti, JsonRequest.ofOptional(body).optionalReason("reason"));
        }
        return commands.run(Command.named("POST /tokens/{jti}/revoke"), () -> tokens.revoke(jti, identity))
                .result().orElseThrow();
    }

    /** The public keys downstream services verify tokens with, offline. */
    @GET
    @Path(".well-known/jwks.json")
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge((int) SigningKeys.CACHE_TIME.toSeconds() * 6);
        return Response.ok(signingKeys.publicKeys().toString(), MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(cache).build();
    }
}
