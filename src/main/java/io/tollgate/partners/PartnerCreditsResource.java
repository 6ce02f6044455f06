package io.tollgate.partners;

import io.tollgate.command.Command;
import io.tollgate.command.Commands;
import io.tollgate.credits.CreditAmounts;
import io.tollgate.credits.CreditsMoved;
import io.tollgate.idempotency.IdempotentRequest;
import io.tollgate.ratelimit.RateLimited;
import io.tollgate.security.Caller;
import io.tollgate.security.Identity;
import io.tollgate.security.PartnerScopes;
import io.tollgate.security.UserIds;
import io.tollgate.web.JsonRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.Optional;

/** Pluct's partner endpoint: {@code POST /v1/credits/add} with {@code X-API-Key}. */
@Path("/v1/credits")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartnerCreditsResource {

    @Inject
    Caller caller;
    @Inject
    PartnerKeyService partners;
    @Inject
    CreditAmounts amounts;
    @Inject
    Commands commands;

    @RateLimited("crediting")
    @POST
    @Path("/add")
    public Response add(@HeaderParam(IdempotentRequest.HEADER) String idempotencyKey, String body) {
        Identity partner = caller.partner(PartnerScopes.CREDITS_ADD);
        JsonRequest json = JsonRequest.of(body);
        String userId = UserIds.require(json.requiredString("userId"));
        BigDecimal amount = amounts.requirePositive("amount", json.requiredNumber("amount"));
        Optional<String> reason = json.optionalReason("reason");
        return commands.run(Command.named("POST /v1/credits/add").idempotent(idempotencyKey, partner.subject(),
                        json.canonical()),
                () -> CreditsMoved.of(partners.addCredits(partner, userId, amount, reason,
                        Optional.ofNullable(idempotencyKey)), "Credits added successfully")).response();
    }
}
