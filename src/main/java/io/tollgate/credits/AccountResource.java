package io.tollgate.credits;

import io.tollgate.audit.AuditNote;
import io.tollgate.command.Command;
import io.tollgate.command.Commands;
import io.tollgate.idempotency.IdempotentRequest;
import io.tollgate.ratelimit.RateLimited;
import io.tollgate.security.Caller;
import io.tollgate.security.Identity;
import io.tollgate.security.UserIds;
import io.tollgate.web.JsonRequest;
import io.tollgate.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Pluct's user endpoints: open an account (admin), read a balance and its transactions (the user or an admin). */
@Path("/user")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    Caller caller;
    @Inject
    CreditService credits;
    @Inject
    Accounts accounts;
    @Inject
    Ledger ledger;
    @Inject
    CreditAmounts amounts;
    @Inject
    Commands commands;

    @RateLimited("crediting")
    @POST
    @Path("/create")
    public Response create(@HeaderParam(IdempotentRequest.HEADER) String idempotencyKey, String body) {
        Identity admin = caller.admin();
        JsonRequest json = JsonRequest.of(body);
        NewAccount request = new NewAccount(
                UserIds.require(json.requiredString("userId")),
                json.optionalNumber("initialCredits").map(credits -> amounts.requireNonNegative("initialCredits", credits)),
                json.optionalText("email", Account.MAX_EMAIL),
                json.optionalText("displayName", Account.MAX_DISPLAY_NAME));
        AuditNote note = AuditNote.onUser("user.create", request.userId()).detail(request.initialCredits()
                .map(c -> c.toPlainString() + " initial credits").orElse("the starting grant"));
        return commands.run(Command.named("POST /user/create").idempotent(idempotencyKey, admin.subject(), json.canonical())
                        .audited(admin, note),
                () -> AccountJson.Created.of(credits.open(request, admin.actor()))).response();
    }

    @GET
    @Path("/{userId}/balance")
    public AccountJson.Balance balance(@PathParam("userId") String userId) {
        authorise(userId);
        return AccountJson.Balance.of(accounts.find(userId));
    }

    @GET
    @Path("/{userId}/transactions")
    public TransactionsJson transactions(@PathParam("userId") String userId, @QueryParam("limit") String limit,
                                         @QueryParam("cursor") String cursor) {
        authorise(userId);
        PageRequest page = PageRequest.of(limit, cursor);
        accounts.find(userId);
        return TransactionsJson.of(userId, ledger.history(Optional.of(userId), Optional.empty(), page));
    }

    private void authorise(String userId) {
        caller.authenticated();
        UserIds.require(userId);
        caller.selfOrAdmin(userId);
    }
}
